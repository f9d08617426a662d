package io.jdeepface.engine.ops.conv;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.activation.Activation;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Depthwise convolution in plain loops, the definition every faster variant is tested against. Any
 * kernel size, stride, dilation, asymmetric padding and channel multiplier: output channel
 * {@code oc} reads input channel {@code oc / multiplier}. Taps falling into the padding are skipped,
 * which is the same as reading zeros.
 */
final class DepthwiseConvReference implements Kernel {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private final ConvParams p;
    private final DepthwiseWeights w;

    DepthwiseConvReference(ConvParams p, DepthwiseWeights w) {
        this.p = p;
        this.w = w;
    }

    @Override
    public void run(MemorySegment[] inputs, MemorySegment[] outputs, Parallel parallel) {
        MemorySegment x = inputs[0];
        MemorySegment y = outputs[0];
        DepthwiseConv.checkBuffers(p, x, y);
        parallel.forRange(p.batch() * p.outChannels(), (start, end) -> {
            for (int plane = start; plane < end; plane++) {
                outputPlane(x, y, plane);
            }
        });
    }

    /** Output plane {@code plane} = batch index * outChannels + output channel. */
    private void outputPlane(MemorySegment x, MemorySegment y, int plane) {
        int n = plane / p.outChannels();
        int oc = plane % p.outChannels();
        int ic = oc / p.outChannelsPerGroup();
        int h = p.inHeight();
        int wIn = p.inWidth();
        int oh = p.outHeight();
        int ow = p.outWidth();
        int kh = p.kernelH();
        int kw = p.kernelW();
        long in = ((long) n * p.inChannels() + ic) * h * wIn;
        long out = (long) plane * oh * ow;
        Activation act = p.activation();
        float slope = w.slope()[oc];
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                float acc = w.bias()[oc];
                for (int ky = 0; ky < kh; ky++) {
                    int iy = oy * p.strideH() - p.padTop() + ky * p.dilationH();
                    if (iy < 0 || iy >= h) {
                        continue;
                    }
                    for (int kx = 0; kx < kw; kx++) {
                        int ix = ox * p.strideW() - p.padLeft() + kx * p.dilationW();
                        if (ix < 0 || ix >= wIn) {
                            continue;
                        }
                        acc += x.getAtIndex(F32, in + (long) iy * wIn + ix) * w.kernel()[(oc * kh + ky) * kw + kx];
                    }
                }
                y.setAtIndex(F32, out + (long) oy * ow + ox, act.apply(acc, slope));
            }
        }
    }
}
