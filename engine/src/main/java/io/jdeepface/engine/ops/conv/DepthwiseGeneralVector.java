package io.jdeepface.engine.ops.conv;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;

/** Any window, stride and dilation: the taps in a loop, each weight broadcast as it is used. */
final class DepthwiseGeneralVector extends DepthwiseVectorKernel {
    /** Scratch index offset of each tap, row-major over the window. */
    private final int[] taps;

    DepthwiseGeneralVector(ConvParams p, DepthwiseWeights w) {
        super(p, w);
        taps = new int[p.kernelH() * p.kernelW()];
        for (int ky = 0; ky < p.kernelH(); ky++) {
            for (int kx = 0; kx < p.kernelW(); kx++) {
                taps[ky * p.kernelW() + kx] = plane.tapOffset(ky, kx);
            }
        }
    }

    @Override
    void outputChannel(float[] s, MemorySegment y, long first, int oc) {
        float[] k = w.kernel();
        int k0 = oc * taps.length;
        FloatVector bias = FloatVector.broadcast(SPECIES, w.bias()[oc]);
        FloatVector slope = FloatVector.broadcast(SPECIES, w.slope()[oc]);
        for (int oy = 0; oy < outHeight; oy++) {
            int row = plane.rowStart(oy);
            long out = first + (long) oy * outWidth;
            for (int ox = 0; ox < outWidth; ox += LANES) {
                FloatVector acc = bias;
                for (int t = 0; t < taps.length; t++) {
                    acc = load(s, row + ox + taps[t]).fma(FloatVector.broadcast(SPECIES, k[k0 + t]), acc);
                }
                store(acc, slope, y, out + ox, outWidth - ox);
            }
        }
    }
}
