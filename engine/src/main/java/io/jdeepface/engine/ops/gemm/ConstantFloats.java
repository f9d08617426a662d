package io.jdeepface.engine.ops.gemm;

import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.ops.UnsupportedOperatorException;
import io.jdeepface.engine.tensor.DataType;
import java.lang.foreign.MemorySegment;

/**
 * Constant float inputs as kernels read them: initializers are little-endian and may live in a
 * memory-mapped file, kernels read native-order buffers, so small constants (biases, slopes) and
 * the weights of scalar kernels are copied once at load into a heap buffer in native order.
 */
public final class ConstantFloats {
    private ConstantFloats() {}

    /** The constant's values in a native-order heap segment. */
    public static MemorySegment copyOf(Initializer init, Node node) {
        requireFloat(init, node);
        return MemorySegment.ofArray(init.toFloatArray());
    }

    /** Rejects a non-float constant where a kernel needs float32 data. */
    public static void requireFloat(Initializer init, Node node) {
        if (init.type() != DataType.FLOAT32) {
            throw new UnsupportedOperatorException("node '" + node.name() + "' (" + node.opType()
                    + "): constant '" + init.name() + "' is " + init.type() + "; only FLOAT32 is supported");
        }
    }
}
