package io.jdeepface.engine.ops.conv;

import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.gemm.Epilogue;
import io.jdeepface.engine.ops.gemm.GemmVector;
import io.jdeepface.engine.ops.gemm.MatrixLayout;
import java.lang.foreign.MemorySegment;

/**
 * Convolution as one GEMM per image and group (Vector API): output plane block
 * {@code Y[g] (Cout/g × OH·OW) = W[g] (Cout/g × Cin/g·KH·KW) · X̂[g] (Cin/g·KH·KW × OH·OW)}.
 * The weights are packed once at load as GEMM A panels. X̂ is never materialised:
 * <ul>
 *   <li>1×1 kernel, stride 1, no padding: X̂ is the input itself ([Cin/g, H·W] row-major), read
 *       panel by panel;</li>
 *   <li>otherwise {@link Im2col} gathers each KC×NR panel of X̂ from the image as the GEMM packs
 *       it (implicit im2col: no buffer beyond the GEMM's per-thread panel).</li>
 * </ul>
 * Bias and activation run in the GEMM epilogue while each tile is in L1. Work is split across
 * threads by (image, group, column panel) tiles.
 */
final class ConvGemm {
    private ConvGemm() {}

    /** Whether the input can be read as the GEMM's B directly (no im2col). */
    static boolean isPointwise(ConvParams p) {
        return p.kernelH() == 1 && p.kernelW() == 1 && p.strideH() == 1 && p.strideW() == 1
                && p.padTop() == 0 && p.padLeft() == 0 && p.padBottom() == 0 && p.padRight() == 0;
    }

    static Kernel create(ConvParams p, Initializer weights, Initializer bias, Initializer slope, Node node) {
        int groups = p.group();
        int m = p.outChannelsPerGroup();
        int k = p.inChannelsPerGroup() * p.kernelH() * p.kernelW();
        int n = p.outHeight() * p.outWidth();
        // OIHW weights of group g are the row-major m×k matrix starting at g·m·k.
        GemmVector.PackedA a = new GemmVector.PackedA(GemmVector.packA(Conv.floats(weights, node), 0,
                MatrixLayout.rowMajor(k), m, k, groups, (long) m * k));
        long inPlanes = (long) p.inHeight() * p.inWidth();
        GemmVector.BSource b = isPointwise(p)
                ? new GemmVector.StridedB(MatrixLayout.rowMajor(inPlanes))
                : new Im2col(p);
        Epilogue epilogue = Conv.epilogue(p, Conv.floats(bias, node), Conv.floats(slope, node), false);
        long inImage = p.inChannels() * inPlanes;
        long inGroup = p.inChannelsPerGroup() * inPlanes;
        long outImage = (long) p.outChannels() * n;
        long outGroup = (long) m * n;
        GemmVector.TileLoop tiles = new GemmVector.TileLoop((in, out, t, r0, r1, c0, c1) -> {
            int image = t / groups;
            int g = t % groups;
            GemmVector.multiply(m, n, k, a, null, (long) g * m * k,
                    b, in[0], image * inImage + g * inGroup,
                    out[0], image * outImage + g * outGroup, n,
                    epilogue, (long) g * m, r0, r1, c0, c1);
        });
        return (inputs, outputs, parallel) -> {
            int batch = Conv.batchOf(p, inputs[0], outputs[0]);
            tiles.run(parallel, batch * groups, m, n, k, inputs, outputs);
        };
    }
}
