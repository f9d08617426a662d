package io.jdeepface.engine.ops.conv;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;

/**
 * 5x5 window, stride 1, dilation 1 (BlazeFace's depthwise convolutions, the TF.js iris model). Two
 * output rows per pass: they share four of their five input rows, so 30 loads feed 50 multiply-adds
 * instead of 50, with two independent accumulator chains. The 25 weights stay in registers.
 */
final class Depthwise5x5s1 extends DepthwiseVectorKernel {
    private final int rowLength;

    Depthwise5x5s1(ConvParams p, DepthwiseWeights w) {
        super(p, w);
        rowLength = plane.rowLength;
    }

    /** {@code acc} plus one kernel row (weights w0..w4) over the five shifted input vectors x0..x4. */
    private static FloatVector kernelRow(FloatVector acc, FloatVector x0, FloatVector x1, FloatVector x2, FloatVector x3,
                                   FloatVector x4, FloatVector w0, FloatVector w1, FloatVector w2, FloatVector w3,
                                   FloatVector w4) {
        return x4.fma(w4, x3.fma(w3, x2.fma(w2, x1.fma(w1, x0.fma(w0, acc)))));
    }

    @Override
    void outputChannel(float[] s, MemorySegment y, long first, int oc) {
        float[] k = w.kernel();
        int k0 = oc * 25;
        FloatVector w00 = FloatVector.broadcast(SPECIES, k[k0 + 0]);
        FloatVector w01 = FloatVector.broadcast(SPECIES, k[k0 + 1]);
        FloatVector w02 = FloatVector.broadcast(SPECIES, k[k0 + 2]);
        FloatVector w03 = FloatVector.broadcast(SPECIES, k[k0 + 3]);
        FloatVector w04 = FloatVector.broadcast(SPECIES, k[k0 + 4]);
        FloatVector w10 = FloatVector.broadcast(SPECIES, k[k0 + 5]);
        FloatVector w11 = FloatVector.broadcast(SPECIES, k[k0 + 6]);
        FloatVector w12 = FloatVector.broadcast(SPECIES, k[k0 + 7]);
        FloatVector w13 = FloatVector.broadcast(SPECIES, k[k0 + 8]);
        FloatVector w14 = FloatVector.broadcast(SPECIES, k[k0 + 9]);
        FloatVector w20 = FloatVector.broadcast(SPECIES, k[k0 + 10]);
        FloatVector w21 = FloatVector.broadcast(SPECIES, k[k0 + 11]);
        FloatVector w22 = FloatVector.broadcast(SPECIES, k[k0 + 12]);
        FloatVector w23 = FloatVector.broadcast(SPECIES, k[k0 + 13]);
        FloatVector w24 = FloatVector.broadcast(SPECIES, k[k0 + 14]);
        FloatVector w30 = FloatVector.broadcast(SPECIES, k[k0 + 15]);
        FloatVector w31 = FloatVector.broadcast(SPECIES, k[k0 + 16]);
        FloatVector w32 = FloatVector.broadcast(SPECIES, k[k0 + 17]);
        FloatVector w33 = FloatVector.broadcast(SPECIES, k[k0 + 18]);
        FloatVector w34 = FloatVector.broadcast(SPECIES, k[k0 + 19]);
        FloatVector w40 = FloatVector.broadcast(SPECIES, k[k0 + 20]);
        FloatVector w41 = FloatVector.broadcast(SPECIES, k[k0 + 21]);
        FloatVector w42 = FloatVector.broadcast(SPECIES, k[k0 + 22]);
        FloatVector w43 = FloatVector.broadcast(SPECIES, k[k0 + 23]);
        FloatVector w44 = FloatVector.broadcast(SPECIES, k[k0 + 24]);
        FloatVector bias = FloatVector.broadcast(SPECIES, w.bias()[oc]);
        FloatVector slope = FloatVector.broadcast(SPECIES, w.slope()[oc]);
        int r = rowLength;
        int oy = 0;
        for (; oy + 2 <= outHeight; oy += 2) {
            int row = oy * r;
            long out = first + (long) oy * outWidth;
            for (int ox = 0; ox < outWidth; ox += LANES) {
                int i = row + ox;
                FloatVector a = bias; // output row oy
                FloatVector b = bias; // output row oy + 1
                FloatVector x0 = load(s, i);
                FloatVector x1 = load(s, i + 1);
                FloatVector x2 = load(s, i + 2);
                FloatVector x3 = load(s, i + 3);
                FloatVector x4 = load(s, i + 4);
                a = kernelRow(a, x0, x1, x2, x3, x4, w00, w01, w02, w03, w04);
                i += r;
                x0 = load(s, i);
                x1 = load(s, i + 1);
                x2 = load(s, i + 2);
                x3 = load(s, i + 3);
                x4 = load(s, i + 4);
                a = kernelRow(a, x0, x1, x2, x3, x4, w10, w11, w12, w13, w14);
                b = kernelRow(b, x0, x1, x2, x3, x4, w00, w01, w02, w03, w04);
                i += r;
                x0 = load(s, i);
                x1 = load(s, i + 1);
                x2 = load(s, i + 2);
                x3 = load(s, i + 3);
                x4 = load(s, i + 4);
                a = kernelRow(a, x0, x1, x2, x3, x4, w20, w21, w22, w23, w24);
                b = kernelRow(b, x0, x1, x2, x3, x4, w10, w11, w12, w13, w14);
                i += r;
                x0 = load(s, i);
                x1 = load(s, i + 1);
                x2 = load(s, i + 2);
                x3 = load(s, i + 3);
                x4 = load(s, i + 4);
                a = kernelRow(a, x0, x1, x2, x3, x4, w30, w31, w32, w33, w34);
                b = kernelRow(b, x0, x1, x2, x3, x4, w20, w21, w22, w23, w24);
                i += r;
                x0 = load(s, i);
                x1 = load(s, i + 1);
                x2 = load(s, i + 2);
                x3 = load(s, i + 3);
                x4 = load(s, i + 4);
                a = kernelRow(a, x0, x1, x2, x3, x4, w40, w41, w42, w43, w44);
                b = kernelRow(b, x0, x1, x2, x3, x4, w30, w31, w32, w33, w34);
                i += r;
                x0 = load(s, i);
                x1 = load(s, i + 1);
                x2 = load(s, i + 2);
                x3 = load(s, i + 3);
                x4 = load(s, i + 4);
                b = kernelRow(b, x0, x1, x2, x3, x4, w40, w41, w42, w43, w44);
                store(a, slope, y, out + ox, outWidth - ox);
                store(b, slope, y, out + outWidth + ox, outWidth - ox);
            }
        }
        if (oy < outHeight) { // odd height: the last row alone
            int row = oy * r;
            long out = first + (long) oy * outWidth;
            for (int ox = 0; ox < outWidth; ox += LANES) {
                int i = row + ox;
                FloatVector a = bias;
                a = kernelRow(a, load(s, i), load(s, i + 1), load(s, i + 2), load(s, i + 3), load(s, i + 4),
                        w00, w01, w02, w03, w04);
                i += r;
                a = kernelRow(a, load(s, i), load(s, i + 1), load(s, i + 2), load(s, i + 3), load(s, i + 4),
                        w10, w11, w12, w13, w14);
                i += r;
                a = kernelRow(a, load(s, i), load(s, i + 1), load(s, i + 2), load(s, i + 3), load(s, i + 4),
                        w20, w21, w22, w23, w24);
                i += r;
                a = kernelRow(a, load(s, i), load(s, i + 1), load(s, i + 2), load(s, i + 3), load(s, i + 4),
                        w30, w31, w32, w33, w34);
                i += r;
                a = kernelRow(a, load(s, i), load(s, i + 1), load(s, i + 2), load(s, i + 3), load(s, i + 4),
                        w40, w41, w42, w43, w44);
                store(a, slope, y, out + ox, outWidth - ox);
            }
        }
    }
}
