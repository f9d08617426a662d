package io.jdeepface.engine.ops.reduce;

import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelSpec;
import io.jdeepface.engine.ops.SpecReader;
import io.jdeepface.engine.simd.VectorSupport;
import io.jdeepface.engine.tensor.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ReduceMean on float32: the mean over the given axes ({@code axes} attribute up to opset 17, a
 * constant {@code axes} input from opset 18; negative axes count from the end; no axes means all
 * axes unless {@code noop_with_empty_axes=1}), keeping them as size 1 when {@code keepdims=1}.
 */
public final class ReduceMean {
    private ReduceMean() {}

    /**
     * The reduction after dropping size-1 axes and merging neighbours of the same kind:
     * {@code dims[k]} with {@code reduced[k]}. The usual case is one reduced group, seen as
     * {@code [outer, r, inner]}.
     */
    record Plan(int[] dims, boolean[] reduced, int inCount, int outCount) {
        boolean singleGroup() {
            int groups = 0;
            for (boolean r : reduced) {
                groups += r ? 1 : 0;
            }
            return groups <= 1;
        }

        /** For a single reduced group: elements before, in and after it. */
        int[] outerReducedInner() {
            int outer = 1, r = 1, inner = 1;
            boolean seen = false;
            for (int k = 0; k < dims.length; k++) {
                if (reduced[k]) {
                    r *= dims[k];
                    seen = true;
                } else if (seen) {
                    inner *= dims[k];
                } else {
                    outer *= dims[k];
                }
            }
            return new int[] {outer, r, inner};
        }

        long work() {
            return inCount;
        }
    }

    /** A kernel for a ReduceMean node. */
    public static Kernel create(KernelSpec spec) {
        Node node = spec.node();
        if (!node.opType().equals("ReduceMean")) {
            throw SpecReader.invalid(spec, "is not ReduceMean");
        }
        SpecReader.requireArity(spec, 1, 2, 1);
        SpecReader.requireType(spec, spec.input(0), DataType.FLOAT32);
        int[] in = SpecReader.inputDims(spec, 0);
        int[] out = SpecReader.outputDims(spec, 0);
        long[] axes = node.hasInput(1) ? SpecReader.constantInts(spec, 1, "axes")
                : node.intsAttr("axes", new long[0]);
        boolean keepDims = node.intAttr("keepdims", 1) != 0;
        boolean noopWhenEmpty = node.intAttr("noop_with_empty_axes", 0) != 0;
        boolean[] reduce = new boolean[in.length];
        if (axes.length == 0) {
            Arrays.fill(reduce, !noopWhenEmpty);
        }
        for (long a : axes) {
            int axis = SpecReader.axis(spec, a, in.length, "axis");
            if (reduce[axis]) {
                throw SpecReader.invalid(spec, "axis " + a + " is listed twice in " + Arrays.toString(axes));
            }
            reduce[axis] = true;
        }
        List<Integer> expected = new ArrayList<>();
        for (int k = 0; k < in.length; k++) {
            if (!reduce[k]) {
                expected.add(in[k]);
            } else if (keepDims) {
                expected.add(1);
            }
        }
        int[] expectedOut = expected.stream().mapToInt(Integer::intValue).toArray();
        if (!Arrays.equals(expectedOut, out)) {
            throw SpecReader.invalid(spec, "output shape " + Arrays.toString(out) + " should be "
                    + Arrays.toString(expectedOut));
        }
        if (SpecReader.elementCount(in) == 0) {
            throw SpecReader.unsupported(spec, "the mean of an empty tensor " + Arrays.toString(in) + " is undefined");
        }
        Plan plan = plan(in, reduce);
        return spec.vector() && VectorSupport.enabled() && plan.singleGroup()
                ? new VectorReduceMean(plan) : new ScalarReduceMean(plan);
    }

    static Plan plan(int[] in, boolean[] reduce) {
        List<int[]> axes = new ArrayList<>(); // {dim, reduced ? 1 : 0}
        for (int k = 0; k < in.length; k++) {
            if (in[k] == 1) {
                continue; // a size-1 axis changes neither the sum nor the count
            }
            int kind = reduce[k] ? 1 : 0;
            if (!axes.isEmpty() && axes.getLast()[1] == kind) {
                axes.getLast()[0] *= in[k];
            } else {
                axes.add(new int[] {in[k], kind});
            }
        }
        int[] dims = new int[axes.size()];
        boolean[] reduced = new boolean[axes.size()];
        int inCount = 1;
        int outCount = 1;
        for (int k = 0; k < dims.length; k++) {
            dims[k] = axes.get(k)[0];
            reduced[k] = axes.get(k)[1] == 1;
            inCount *= dims[k];
            outCount *= reduced[k] ? 1 : dims[k];
        }
        return new Plan(dims, reduced, inCount, outCount);
    }
}
