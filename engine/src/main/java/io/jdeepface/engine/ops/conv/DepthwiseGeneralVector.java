package io.jdeepface.engine.ops.conv;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;

/**
 * Any window, stride and dilation: the taps in a loop, each weight broadcast as it is used. Two
 * output rows per pass, each with its own accumulator: one accumulator alone is a chain of
 * dependent multiply-adds (4 cycles each) that left the FMA units mostly idle.
 */
final class DepthwiseGeneralVector extends DepthwiseVectorKernel {
    /** Scratch index offset of each tap, row-major over the window. */
    private final int[] taps;
    /** Scratch index distance between two consecutive output rows. */
    private final int rowStep;

    DepthwiseGeneralVector(ConvParams p, DepthwiseWeights w) {
        super(p, w, 2);
        taps = new int[p.kernelH() * p.kernelW()];
        for (int ky = 0; ky < p.kernelH(); ky++) {
            for (int kx = 0; kx < p.kernelW(); kx++) {
                taps[ky * p.kernelW() + kx] = plane.tapOffset(ky, kx);
            }
        }
        rowStep = plane.rowStart(1);
    }

    @Override
    void outputRows(float[] s, MemorySegment y, long out, int oc, int oy) {
        if (oy + 1 == outHeight) {
            oneRow(s, y, out, oc, oy);
            return;
        }
        float[] k = w.kernel();
        int k0 = oc * taps.length;
        FloatVector bias = broadcast(w.bias()[oc]);
        int row = plane.rowStart(oy);
        for (int ox = 0; ox < outWidth; ox += LANES) {
            FloatVector a = bias; // output row oy
            FloatVector b = bias; // output row oy + 1
            int i = row + ox;
            for (int t = 0; t < taps.length; t++) {
                FloatVector weight = broadcast(k[k0 + t]);
                a = load(s, i + taps[t]).fma(weight, a);
                b = load(s, i + rowStep + taps[t]).fma(weight, b);
            }
            store(a, y, out + ox, outWidth - ox);
            store(b, y, out + outWidth + ox, outWidth - ox);
        }
    }

    /** One output row: the last of an odd height, and the odd rows of the unrolled stride-1 kernels. */
    void oneRow(float[] s, MemorySegment y, long out, int oc, int oy) {
        float[] k = w.kernel();
        int k0 = oc * taps.length;
        FloatVector bias = broadcast(w.bias()[oc]);
        int row = plane.rowStart(oy);
        for (int ox = 0; ox < outWidth; ox += LANES) {
            FloatVector acc = bias;
            for (int t = 0; t < taps.length; t++) {
                acc = load(s, row + ox + taps[t]).fma(broadcast(k[k0 + t]), acc);
            }
            store(acc, y, out + ox, outWidth - ox);
        }
    }
}
