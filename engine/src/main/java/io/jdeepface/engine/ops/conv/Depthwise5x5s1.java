package io.jdeepface.engine.ops.conv;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;

/**
 * 5x5 window, stride 1, dilation 1 (BlazeFace's depthwise convolutions, the TF.js iris model). Two
 * output rows per pass: they share 4 of their 5 input rows, so 30 loads feed 50 multiply-adds
 * instead of 50, in two independent accumulator chains.
 *
 * <p>Unlike {@link Depthwise3x3s1} the kernel rows are a loop and each weight is broadcast from
 * memory as it is used: fully unrolled with the 25 weights in registers, the method exceeded C2's
 * inlining budget (NodeCountInliningCutoff), the vector calls stayed calls with boxed vectors, and it
 * ran three times slower than the general kernel.
 */
final class Depthwise5x5s1 extends DepthwiseVectorKernel {
    private final int rowLength;
    /** For an odd output height, the last row alone. */
    private final DepthwiseGeneralVector oneRow;

    Depthwise5x5s1(ConvParams p, DepthwiseWeights w) {
        super(p, w, 2);
        rowLength = plane.rowLength;
        oneRow = new DepthwiseGeneralVector(p, w);
    }

    @Override
    void outputRows(float[] s, MemorySegment y, long out, int oc, int oy) {
        if (oy + 1 == outHeight) {
            oneRow.oneRow(s, y, out, oc, oy);
            return;
        }
        float[] k = w.kernel();
        int k0 = oc * 25;
        FloatVector bias = broadcast(w.bias()[oc]);
        int r = rowLength;
        int row = oy * r; // padded row oy is the top of output row oy's window
        for (int ox = 0; ox < outWidth; ox += LANES) {
            FloatVector a = bias; // output row oy
            FloatVector b = bias; // output row oy + 1
            int i = row + ox;
            // input row oy + ky is kernel row ky of a's window and ky - 1 of b's
            for (int ky = 0; ky <= 5; ky++, i += r) {
                FloatVector x0 = load(s, i);
                FloatVector x1 = load(s, i + 1);
                FloatVector x2 = load(s, i + 2);
                FloatVector x3 = load(s, i + 3);
                FloatVector x4 = load(s, i + 4);
                if (ky < 5) {
                    int t = k0 + ky * 5;
                    a = x4.fma(broadcast(k[t + 4]), x3.fma(broadcast(k[t + 3]), x2.fma(broadcast(k[t + 2]),
                            x1.fma(broadcast(k[t + 1]), x0.fma(broadcast(k[t]), a)))));
                }
                if (ky > 0) {
                    int t = k0 + (ky - 1) * 5;
                    b = x4.fma(broadcast(k[t + 4]), x3.fma(broadcast(k[t + 3]), x2.fma(broadcast(k[t + 2]),
                            x1.fma(broadcast(k[t + 1]), x0.fma(broadcast(k[t]), b)))));
                }
            }
            store(a, y, out + ox, outWidth - ox);
            store(b, y, out + outWidth + ox, outWidth - ox);
        }
    }
}
