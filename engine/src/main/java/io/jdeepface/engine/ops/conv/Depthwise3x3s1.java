package io.jdeepface.engine.ops.conv;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;

/**
 * 3x3 window, stride 1, dilation 1 (most depthwise convolutions of MobileFaceNet, MiniFASNet and the
 * TF.js face meshes). Two output rows per pass: they share two of their three input rows, so 12
 * loads feed 18 multiply-adds instead of 18, and the two accumulators are independent chains.
 * Measured about 1.6x faster than one row per pass ({@link Depthwise3x3}).
 */
final class Depthwise3x3s1 extends DepthwiseVectorKernel {
    private final int rowLength;

    Depthwise3x3s1(ConvParams p, DepthwiseWeights w) {
        super(p, w);
        rowLength = plane.rowLength;
    }

    @Override
    void outputChannel(float[] s, MemorySegment y, long first, int oc) {
        float[] k = w.kernel();
        int k0 = oc * 9;
        FloatVector w00 = FloatVector.broadcast(SPECIES, k[k0]);
        FloatVector w01 = FloatVector.broadcast(SPECIES, k[k0 + 1]);
        FloatVector w02 = FloatVector.broadcast(SPECIES, k[k0 + 2]);
        FloatVector w10 = FloatVector.broadcast(SPECIES, k[k0 + 3]);
        FloatVector w11 = FloatVector.broadcast(SPECIES, k[k0 + 4]);
        FloatVector w12 = FloatVector.broadcast(SPECIES, k[k0 + 5]);
        FloatVector w20 = FloatVector.broadcast(SPECIES, k[k0 + 6]);
        FloatVector w21 = FloatVector.broadcast(SPECIES, k[k0 + 7]);
        FloatVector w22 = FloatVector.broadcast(SPECIES, k[k0 + 8]);
        FloatVector bias = FloatVector.broadcast(SPECIES, w.bias()[oc]);
        FloatVector slope = FloatVector.broadcast(SPECIES, w.slope()[oc]);
        int r = rowLength;
        int oy = 0;
        for (; oy + 2 <= outHeight; oy += 2) {
            int row = oy * r; // padded input row oy is the top of output row oy's window
            long out = first + (long) oy * outWidth;
            for (int ox = 0; ox < outWidth; ox += LANES) {
                int i = row + ox;
                FloatVector a = bias; // output row oy
                FloatVector b = bias; // output row oy + 1
                FloatVector x0 = load(s, i);
                FloatVector x1 = load(s, i + 1);
                FloatVector x2 = load(s, i + 2);
                a = x2.fma(w02, x1.fma(w01, x0.fma(w00, a)));
                i += r; // input row oy + 1: row 1 of a's window, row 0 of b's
                x0 = load(s, i);
                x1 = load(s, i + 1);
                x2 = load(s, i + 2);
                a = x2.fma(w12, x1.fma(w11, x0.fma(w10, a)));
                b = x2.fma(w02, x1.fma(w01, x0.fma(w00, b)));
                i += r; // input row oy + 2
                x0 = load(s, i);
                x1 = load(s, i + 1);
                x2 = load(s, i + 2);
                a = x2.fma(w22, x1.fma(w21, x0.fma(w20, a)));
                b = x2.fma(w12, x1.fma(w11, x0.fma(w10, b)));
                i += r; // input row oy + 3: only b's
                x0 = load(s, i);
                x1 = load(s, i + 1);
                x2 = load(s, i + 2);
                b = x2.fma(w22, x1.fma(w21, x0.fma(w20, b)));
                store(a, slope, y, out + ox, outWidth - ox);
                store(b, slope, y, out + outWidth + ox, outWidth - ox);
            }
        }
        if (oy < outHeight) { // odd height: the last row alone
            int row = oy * r;
            long out = first + (long) oy * outWidth;
            for (int ox = 0; ox < outWidth; ox += LANES) {
                int i = row + ox;
                FloatVector a = load(s, i + 2).fma(w02, load(s, i + 1).fma(w01, load(s, i).fma(w00, bias)));
                i += r;
                a = load(s, i + 2).fma(w12, load(s, i + 1).fma(w11, load(s, i).fma(w10, a)));
                i += r;
                a = load(s, i + 2).fma(w22, load(s, i + 1).fma(w21, load(s, i).fma(w20, a)));
                store(a, slope, y, out + ox, outWidth - ox);
            }
        }
    }
}
