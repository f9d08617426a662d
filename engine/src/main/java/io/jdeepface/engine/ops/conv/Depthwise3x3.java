package io.jdeepface.engine.ops.conv;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;

/**
 * 3x3 window with any stride or dilation (the stride-2 depthwise convolutions of MobileFaceNet and MiniFASNet): one output row
 * per pass, the 9 weights in registers for a whole channel, the taps unrolled. Strided taps read
 * consecutive floats thanks to the phase split of {@link DepthwisePaddedPlane}.
 */
final class Depthwise3x3 extends DepthwiseVectorKernel {
    /** Scratch index offset of each tap, row-major over the window. */
    private final int[] taps;

    Depthwise3x3(ConvParams p, DepthwiseWeights w) {
        super(p, w);
        taps = new int[9];
        for (int t = 0; t < 9; t++) {
            taps[t] = plane.tapOffset(t / 3, t % 3);
        }
    }

    @Override
    void outputChannel(float[] s, MemorySegment y, long first, int oc) {
        float[] k = w.kernel();
        int k0 = oc * 9;
        FloatVector w0 = FloatVector.broadcast(SPECIES, k[k0]);
        FloatVector w1 = FloatVector.broadcast(SPECIES, k[k0 + 1]);
        FloatVector w2 = FloatVector.broadcast(SPECIES, k[k0 + 2]);
        FloatVector w3 = FloatVector.broadcast(SPECIES, k[k0 + 3]);
        FloatVector w4 = FloatVector.broadcast(SPECIES, k[k0 + 4]);
        FloatVector w5 = FloatVector.broadcast(SPECIES, k[k0 + 5]);
        FloatVector w6 = FloatVector.broadcast(SPECIES, k[k0 + 6]);
        FloatVector w7 = FloatVector.broadcast(SPECIES, k[k0 + 7]);
        FloatVector w8 = FloatVector.broadcast(SPECIES, k[k0 + 8]);
        int t0 = taps[0];
        int t1 = taps[1];
        int t2 = taps[2];
        int t3 = taps[3];
        int t4 = taps[4];
        int t5 = taps[5];
        int t6 = taps[6];
        int t7 = taps[7];
        int t8 = taps[8];
        FloatVector bias = FloatVector.broadcast(SPECIES, w.bias()[oc]);
        FloatVector slope = FloatVector.broadcast(SPECIES, w.slope()[oc]);
        for (int oy = 0; oy < outHeight; oy++) {
            int row = plane.rowStart(oy);
            long out = first + (long) oy * outWidth;
            for (int ox = 0; ox < outWidth; ox += LANES) {
                int i = row + ox;
                FloatVector acc = bias;
                acc = load(s, i + t0).fma(w0, acc);
                acc = load(s, i + t1).fma(w1, acc);
                acc = load(s, i + t2).fma(w2, acc);
                acc = load(s, i + t3).fma(w3, acc);
                acc = load(s, i + t4).fma(w4, acc);
                acc = load(s, i + t5).fma(w5, acc);
                acc = load(s, i + t6).fma(w6, acc);
                acc = load(s, i + t7).fma(w7, acc);
                acc = load(s, i + t8).fma(w8, acc);
                store(acc, slope, y, out + ox, outWidth - ox);
            }
        }
    }
}
