package io.jdeepface.engine.ops.softmax;

import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelSpec;
import io.jdeepface.engine.ops.SpecReader;
import io.jdeepface.engine.simd.VectorSupport;
import io.jdeepface.engine.tensor.DataType;
import java.util.Arrays;

/**
 * Softmax over one axis (opset-13 semantics, default axis -1; the converter rewrites the older
 * "flatten to 2-D" form): {@code y = exp(x - max) / sum(exp(x - max))} along the axis, where
 * subtracting the maximum keeps exp from overflowing. The tensor is seen as
 * {@code [outer, n, inner]} with the axis in the middle. The output may share the input's buffer.
 */
public final class Softmax {
    private Softmax() {}

    /** Where the softmax axis sits: {@code outer} blocks of {@code n} rows of {@code inner} elements. */
    record Geometry(int outer, int n, int inner) {
        long elements() {
            return (long) outer * n * inner;
        }
    }

    /** A kernel for a Softmax node. */
    public static Kernel create(KernelSpec spec) {
        if (!spec.node().opType().equals("Softmax")) {
            throw SpecReader.invalid(spec, "is not Softmax");
        }
        SpecReader.requireArity(spec, 1, 1, 1);
        SpecReader.requireType(spec, spec.input(0), DataType.FLOAT32);
        int[] dims = SpecReader.inputDims(spec, 0);
        int[] out = SpecReader.outputDims(spec, 0);
        if (!Arrays.equals(dims, out)) {
            throw SpecReader.invalid(spec, "output shape " + Arrays.toString(out) + " differs from input "
                    + Arrays.toString(dims));
        }
        if (dims.length == 0) {
            throw SpecReader.invalid(spec, "input is a scalar; Softmax needs at least one axis");
        }
        int axis = SpecReader.axis(spec, spec.node().intAttr("axis", -1), dims.length, "axis");
        int outer = 1;
        int inner = 1;
        for (int k = 0; k < axis; k++) {
            outer *= dims[k];
        }
        for (int k = axis + 1; k < dims.length; k++) {
            inner *= dims[k];
        }
        Geometry g = new Geometry(outer, dims[axis], inner);
        return spec.vector() && VectorSupport.enabled() ? new VectorSoftmax(g) : new ScalarSoftmax(g);
    }
}
