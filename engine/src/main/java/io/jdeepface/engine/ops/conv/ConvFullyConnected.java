package io.jdeepface.engine.ops.conv;

import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.gemm.Epilogue;
import io.jdeepface.engine.ops.gemm.GemmVector;
import io.jdeepface.engine.ops.gemm.MatrixLayout;
import java.lang.foreign.MemorySegment;

/**
 * A convolution whose kernel covers the whole unpadded input (output 1×1, group 1) is a fully
 * connected layer: {@code Y (batch × Cout) = X (batch × Cin·H·W) · Wᵀ}. Computing it that way round
 * puts the output channels along the GEMM's vectorised columns, so a single image (M = 1) still
 * uses full vectors; the weights are packed once at load as B. (As {@link ConvGemm} would do it,
 * the one output pixel would be the only column of 32.)
 */
final class ConvFullyConnected {
    private ConvFullyConnected() {}

    static boolean applies(ConvParams p) {
        return p.group() == 1 && p.kernelH() == p.inHeight() && p.kernelW() == p.inWidth()
                && p.padTop() == 0 && p.padLeft() == 0 && p.padBottom() == 0 && p.padRight() == 0;
    }

    static Kernel create(ConvParams p, Initializer weights, Initializer bias, Initializer slope, Node node) {
        int k = p.inChannels() * p.inHeight() * p.inWidth();
        int n = p.outChannels();
        // OIHW weights are Cout rows of k; as B (k × Cout) that is the transposed layout.
        GemmVector.PackedB b = new GemmVector.PackedB(GemmVector.packB(Conv.floats(weights, node), 0,
                MatrixLayout.rowMajor(k).transposed(), k, n), k);
        GemmVector.StridedA a = new GemmVector.StridedA(MatrixLayout.rowMajor(k));
        Epilogue epilogue = Conv.epilogue(p, Conv.floats(bias, node), Conv.floats(slope, node), true);
        GemmVector.TileLoop tiles = new GemmVector.TileLoop((in, out, t, r0, r1, c0, c1) ->
                GemmVector.multiply(Conv.batchOf(p, in[0], out[0]), n, k, a, in[0], 0, b, null, 0, out[0], 0, n,
                        epilogue, 0, r0, r1, c0, c1));
        return (inputs, outputs, parallel) ->
                tiles.run(parallel, 1, Conv.batchOf(p, inputs[0], outputs[0]), n, k, inputs, outputs);
    }
}
