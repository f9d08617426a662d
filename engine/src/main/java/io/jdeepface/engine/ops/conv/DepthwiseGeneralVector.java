package io.jdeepface.engine.ops.conv;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;

/** Any window, stride and dilation: the taps in a loop, each weight broadcast as it is used. */
final class DepthwiseGeneralVector extends DepthwiseVectorKernel {
    /** Scratch index offset of each tap, row-major over the window. */
    private final int[] taps;

    DepthwiseGeneralVector(ConvParams p, DepthwiseWeights w) {
        super(p, w, 1);
        taps = new int[p.kernelH() * p.kernelW()];
        for (int ky = 0; ky < p.kernelH(); ky++) {
            for (int kx = 0; kx < p.kernelW(); kx++) {
                taps[ky * p.kernelW() + kx] = plane.tapOffset(ky, kx);
            }
        }
    }

    @Override
    void outputRows(float[] s, MemorySegment y, long out, int oc, int oy) {
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
