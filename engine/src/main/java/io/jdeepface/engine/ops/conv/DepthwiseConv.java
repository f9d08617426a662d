package io.jdeepface.engine.ops.conv;

import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.ops.Kernel;
import java.lang.foreign.MemorySegment;

/**
 * Depthwise convolution (group == input channels, OIHW weights {@code [Cout, 1, kH, kW]}, output
 * channel {@code oc} reading input channel {@code oc / (Cout / Cin)}), with bias and activation
 * fused into the epilogue. Picks the kernel: {@link DepthwiseConvReference} without the Vector API,
 * otherwise a vector kernel over a padded copy of each input plane ({@link DepthwisePaddedPlane}):
 * {@link Depthwise3x3s1} and {@link Depthwise5x5s1} for the unit-stride windows of MobileFaceNet and
 * BlazeFace, {@link DepthwiseGeneralVector} for every other window, stride and dilation.
 *
 * <p>Channel 1 alone (group 1) counts as depthwise here, though {@link ConvParams#isDepthwise} says
 * no: the kernels only need one input channel per group.
 */
public final class DepthwiseConv {
    private DepthwiseConv() {}

    /**
     * @param weights    OIHW {@code [Cout, 1, kH, kW]}, float32
     * @param bias       {@code [Cout]} or null
     * @param preluSlope the slope of a fused PRelu ({@code Cout} values or one), else null
     * @param vector     whether to use the Vector API kernels (see {@code VectorSupport})
     */
    public static Kernel create(ConvParams p, Initializer weights, Initializer bias, Initializer preluSlope,
                                boolean vector) {
        requireWindowFits(p);
        DepthwiseWeights w = DepthwiseWeights.pack(p, weights, bias, preluSlope);
        if (!vector) {
            return new DepthwiseConvReference(p, w);
        }
        return DepthwiseVectorKernel.create(p, w);
    }

    /**
     * The dilated window must fit in the padded input at least once. ConvParams's output-size formula
     * truncates a negative quotient towards zero, so it does not catch e.g. a 3-wide window with
     * stride 2 on a 2-wide input; the kernels would then read outside the plane.
     */
    static void requireWindowFits(ConvParams p) {
        int reachH = (p.kernelH() - 1) * p.dilationH() + 1;
        int reachW = (p.kernelW() - 1) * p.dilationW() + 1;
        if (p.inHeight() + p.padTop() + p.padBottom() < reachH || p.inWidth() + p.padLeft() + p.padRight() < reachW) {
            throw new IllegalArgumentException("depthwise convolution window " + reachH + "x" + reachW
                    + " (kernel with dilation) does not fit the padded " + p.inHeight() + "x" + p.inWidth() + " input");
        }
    }

    /** Fails with a clear message when the run-time buffers do not hold the shapes fixed at load. */
    static void checkBuffers(ConvParams p, MemorySegment x, MemorySegment y) {
        long in = (long) p.batch() * p.inChannels() * p.inHeight() * p.inWidth() * Float.BYTES;
        long out = (long) p.batch() * p.outChannels() * p.outHeight() * p.outWidth() * Float.BYTES;
        if (x.byteSize() < in || y.byteSize() < out) {
            throw new IllegalArgumentException("depthwise convolution buffers hold " + x.byteSize() + " and "
                    + y.byteSize() + " bytes; the shapes need " + in + " and " + out);
        }
    }
}
