package io.jdeepface.engine.ops.conv;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;

/**
 * 5x5 window with any stride or dilation (BlazeFace's stride-2 depthwise convolutions): one output row
 * per pass, the 25 weights in registers for a whole channel, the taps unrolled. Strided taps read
 * consecutive floats thanks to the phase split of {@link DepthwisePaddedPlane}.
 */
final class Depthwise5x5 extends DepthwiseVectorKernel {
    /** Scratch index offset of each tap, row-major over the window. */
    private final int[] taps;

    Depthwise5x5(ConvParams p, DepthwiseWeights w) {
        super(p, w);
        taps = new int[25];
        for (int t = 0; t < 25; t++) {
            taps[t] = plane.tapOffset(t / 5, t % 5);
        }
    }

    @Override
    void outputChannel(float[] s, MemorySegment y, long first, int oc) {
        float[] k = w.kernel();
        int k0 = oc * 25;
        FloatVector w0 = FloatVector.broadcast(SPECIES, k[k0]);
        FloatVector w1 = FloatVector.broadcast(SPECIES, k[k0 + 1]);
        FloatVector w2 = FloatVector.broadcast(SPECIES, k[k0 + 2]);
        FloatVector w3 = FloatVector.broadcast(SPECIES, k[k0 + 3]);
        FloatVector w4 = FloatVector.broadcast(SPECIES, k[k0 + 4]);
        FloatVector w5 = FloatVector.broadcast(SPECIES, k[k0 + 5]);
        FloatVector w6 = FloatVector.broadcast(SPECIES, k[k0 + 6]);
        FloatVector w7 = FloatVector.broadcast(SPECIES, k[k0 + 7]);
        FloatVector w8 = FloatVector.broadcast(SPECIES, k[k0 + 8]);
        FloatVector w9 = FloatVector.broadcast(SPECIES, k[k0 + 9]);
        FloatVector w10 = FloatVector.broadcast(SPECIES, k[k0 + 10]);
        FloatVector w11 = FloatVector.broadcast(SPECIES, k[k0 + 11]);
        FloatVector w12 = FloatVector.broadcast(SPECIES, k[k0 + 12]);
        FloatVector w13 = FloatVector.broadcast(SPECIES, k[k0 + 13]);
        FloatVector w14 = FloatVector.broadcast(SPECIES, k[k0 + 14]);
        FloatVector w15 = FloatVector.broadcast(SPECIES, k[k0 + 15]);
        FloatVector w16 = FloatVector.broadcast(SPECIES, k[k0 + 16]);
        FloatVector w17 = FloatVector.broadcast(SPECIES, k[k0 + 17]);
        FloatVector w18 = FloatVector.broadcast(SPECIES, k[k0 + 18]);
        FloatVector w19 = FloatVector.broadcast(SPECIES, k[k0 + 19]);
        FloatVector w20 = FloatVector.broadcast(SPECIES, k[k0 + 20]);
        FloatVector w21 = FloatVector.broadcast(SPECIES, k[k0 + 21]);
        FloatVector w22 = FloatVector.broadcast(SPECIES, k[k0 + 22]);
        FloatVector w23 = FloatVector.broadcast(SPECIES, k[k0 + 23]);
        FloatVector w24 = FloatVector.broadcast(SPECIES, k[k0 + 24]);
        int t0 = taps[0];
        int t1 = taps[1];
        int t2 = taps[2];
        int t3 = taps[3];
        int t4 = taps[4];
        int t5 = taps[5];
        int t6 = taps[6];
        int t7 = taps[7];
        int t8 = taps[8];
        int t9 = taps[9];
        int t10 = taps[10];
        int t11 = taps[11];
        int t12 = taps[12];
        int t13 = taps[13];
        int t14 = taps[14];
        int t15 = taps[15];
        int t16 = taps[16];
        int t17 = taps[17];
        int t18 = taps[18];
        int t19 = taps[19];
        int t20 = taps[20];
        int t21 = taps[21];
        int t22 = taps[22];
        int t23 = taps[23];
        int t24 = taps[24];
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
                acc = load(s, i + t9).fma(w9, acc);
                acc = load(s, i + t10).fma(w10, acc);
                acc = load(s, i + t11).fma(w11, acc);
                acc = load(s, i + t12).fma(w12, acc);
                acc = load(s, i + t13).fma(w13, acc);
                acc = load(s, i + t14).fma(w14, acc);
                acc = load(s, i + t15).fma(w15, acc);
                acc = load(s, i + t16).fma(w16, acc);
                acc = load(s, i + t17).fma(w17, acc);
                acc = load(s, i + t18).fma(w18, acc);
                acc = load(s, i + t19).fma(w19, acc);
                acc = load(s, i + t20).fma(w20, acc);
                acc = load(s, i + t21).fma(w21, acc);
                acc = load(s, i + t22).fma(w22, acc);
                acc = load(s, i + t23).fma(w23, acc);
                acc = load(s, i + t24).fma(w24, acc);
                store(acc, slope, y, out + ox, outWidth - ox);
            }
        }
    }
}
