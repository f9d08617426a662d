package io.jdeepface.engine.ops.conv;

import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.activation.Activation;
import io.jdeepface.engine.ops.gemm.Epilogue;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Direct convolution, the definition written as loops: for every output element, the sum over
 * the input channels of its group and the kernel window of input × weight, positions outside the
 * input counting as zero; then bias and activation. Any geometry, group, dilation and asymmetric
 * padding. The ground truth for every optimised variant and the kernel of scalar mode.
 */
public final class ConvReference {
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private ConvReference() {}

    /**
     * A kernel for {@code p}. A null weights, bias or slope constant is read from the node's
     * run-time input 1, 2 or 3 instead (when the node has that input).
     */
    public static Kernel create(ConvParams p, Initializer weights, Initializer bias, Initializer slope, Node node) {
        MemorySegment w = Conv.floats(weights, node);
        MemorySegment b = Conv.floats(bias, node);
        MemorySegment s = Conv.floats(slope, node);
        boolean prelu = p.activation().kind() == Activation.Kind.PRELU;
        Epilogue fixed = (b != null || !p.hasBias()) && (s != null || !prelu) ? Conv.epilogue(p, b, s, false) : null;
        return (inputs, outputs, parallel) -> {
            MemorySegment x = inputs[0];
            MemorySegment y = outputs[0];
            MemorySegment weightsNow = w != null ? w : inputs[1];
            Epilogue e = fixed != null ? fixed
                    : Conv.epilogue(p, p.hasBias() ? (b != null ? b : inputs[2]) : null,
                            prelu ? (s != null ? s : inputs[3]) : null, false);
            int batch = Conv.batchOf(p, x, y);
            parallel.forRange(batch * p.outChannels(), (start, end) -> {
                for (int u = start; u < end; u++) {
                    outputChannel(p, x, weightsNow, y, e, u / p.outChannels(), u % p.outChannels());
                }
            });
        };
    }

    /** One output plane: image {@code n}, output channel {@code oc}. */
    private static void outputChannel(ConvParams p, MemorySegment x, MemorySegment w, MemorySegment y,
                                      Epilogue e, int n, int oc) {
        int cg = p.inChannelsPerGroup();
        int g = oc / p.outChannelsPerGroup();
        int oh = p.outHeight();
        int ow = p.outWidth();
        long inPlane = (long) p.inHeight() * p.inWidth();
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                float acc = 0f;
                for (int ic = 0; ic < cg; ic++) {
                    long xPlane = ((long) n * p.inChannels() + (long) g * cg + ic) * inPlane;
                    long wBase = (((long) oc * cg + ic) * p.kernelH()) * p.kernelW();
                    for (int ky = 0; ky < p.kernelH(); ky++) {
                        int iy = oy * p.strideH() - p.padTop() + ky * p.dilationH();
                        if (iy < 0 || iy >= p.inHeight()) {
                            continue;
                        }
                        for (int kx = 0; kx < p.kernelW(); kx++) {
                            int ix = ox * p.strideW() - p.padLeft() + kx * p.dilationW();
                            if (ix < 0 || ix >= p.inWidth()) {
                                continue;
                            }
                            acc += x.getAtIndex(FLOAT, xPlane + (long) iy * p.inWidth() + ix)
                                    * w.getAtIndex(FLOAT, wBase + (long) ky * p.kernelW() + kx);
                        }
                    }
                }
                long at = (((long) n * p.outChannels() + oc) * oh + oy) * ow + ox;
                y.setAtIndex(FLOAT, at, e.apply(acc, oc, 0));
            }
        }
    }
}
