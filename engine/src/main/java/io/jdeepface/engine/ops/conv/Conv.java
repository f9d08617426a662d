package io.jdeepface.engine.ops.conv;

import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.InvalidGraphException;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelSpec;
import io.jdeepface.engine.ops.UnsupportedOperatorException;
import io.jdeepface.engine.ops.activation.Activation;
import io.jdeepface.engine.ops.gemm.Broadcast;
import io.jdeepface.engine.ops.gemm.ConstantFloats;
import io.jdeepface.engine.ops.gemm.Epilogue;
import io.jdeepface.engine.tensor.Shape;
import java.lang.foreign.MemorySegment;

/**
 * ONNX {@code Conv} on NCHW tensors (2-D only), with docs/ir.md's fused activation: reads the
 * attributes into a {@link ConvParams} and picks the kernel.
 *
 * <ul>
 *   <li>scalar mode, or weights that are not constant: {@link ConvReference};</li>
 *   <li>kernel covering the whole input, group 1, no padding (a linear layer written as a
 *       convolution, e.g. MobileFaceNet's last layer on a 1×1 map): {@code ConvFullyConnected},
 *       one GEMM over the batch with the weights packed as B;</li>
 *   <li>depthwise ({@link ConvParams#isDepthwise()}): {@code DepthwiseConv}, direct kernels
 *       specialised for 3×3 and 5×5 stride 1 plus a general vectorised one;</li>
 *   <li>few taps per output (a first layer on 1 or 3 image channels): {@code ConvFewInputs}, a
 *       direct kernel 8 output channels at a time;</li>
 *   <li>anything else: {@code ConvGemm}, one GEMM per image and group with the weights packed as
 *       A; the input is read directly as B for a 1×1, stride-1, unpadded kernel and through an
 *       implicit im2col otherwise.</li>
 * </ul>
 */
public final class Conv {
    private Conv() {}

    public static Kernel create(KernelSpec spec) {
        ConvParams p = params(spec);
        Node node = spec.node();
        Initializer weights = spec.constant(1);
        Initializer bias = p.hasBias() ? spec.constant(2) : null;
        Initializer slope = p.activation().kind() == Activation.Kind.PRELU ? spec.constant(3) : null;
        boolean constants = weights != null && (bias != null || !p.hasBias())
                && (slope != null || p.activation().kind() != Activation.Kind.PRELU);
        if (!spec.vector() || !constants) {
            return ConvReference.create(p, weights, bias, slope, node);
        }
        if (p.isDepthwise()) {
            return DepthwiseConv.create(p, weights, bias, slope, true);
        }
        if (ConvFullyConnected.applies(p)) {
            return ConvFullyConnected.create(p, weights, bias, slope, node);
        }
        if (ConvFewInputs.applies(p)) {
            return ConvFewInputs.create(p, weights, bias, slope, node);
        }
        return ConvGemm.create(p, weights, bias, slope, node);
    }

    /** The geometry, bias flag and fused activation of a Conv node, validated against its shapes. */
    public static ConvParams params(KernelSpec spec) {
        Node node = spec.node();
        String what = "Conv node '" + node.name() + "'";
        String autoPad = node.stringAttr("auto_pad", "NOTSET");
        if (!autoPad.equals("NOTSET")) {
            throw new UnsupportedOperatorException(what + ": auto_pad=" + autoPad
                    + " is not supported; the converter must write explicit pads");
        }
        ValueInfo x = spec.input(0);
        ValueInfo w = spec.input(1);
        if (x == null || w == null) {
            throw new InvalidGraphException(what + " needs an input X and weights W");
        }
        Shape xs = x.shape();
        Shape ws = w.shape();
        if (xs.rank() != 4 || ws.rank() != 4) {
            throw new UnsupportedOperatorException(what + ": only 2-D convolution (4-D X and W) is supported, got X"
                    + xs + " W" + ws);
        }
        for (int d = 1; d < 4; d++) {
            if (xs.dim(d) < 0 || ws.dim(d) < 0 || ws.dim(0) < 0) {
                throw new UnsupportedOperatorException(what + ": only the batch dimension may be dynamic, got X"
                        + xs + " W" + ws);
            }
        }
        int group = intAttr(node.intAttr("group", 1), what, "group");
        long[] kernel = node.intsAttr("kernel_shape", new long[] {ws.dim(2), ws.dim(3)});
        long[] strides = node.intsAttr("strides", new long[] {1, 1});
        long[] dilations = node.intsAttr("dilations", new long[] {1, 1});
        long[] pads = node.intsAttr("pads", new long[] {0, 0, 0, 0});
        if (kernel.length != 2 || strides.length != 2 || dilations.length != 2 || pads.length != 4) {
            throw new InvalidGraphException(what + ": kernel_shape, strides and dilations need 2 values and pads 4");
        }
        if (kernel[0] != ws.dim(2) || kernel[1] != ws.dim(3)) {
            throw new InvalidGraphException(what + ": kernel_shape " + java.util.Arrays.toString(kernel)
                    + " disagrees with weights " + ws);
        }
        if (ws.dim(1) * group != xs.dim(1)) {
            throw new InvalidGraphException(what + ": weights " + ws + " with group " + group
                    + " do not match " + xs.dim(1) + " input channels");
        }
        for (long pad : pads) {
            if (pad < 0) {
                throw new InvalidGraphException(what + ": negative pads " + java.util.Arrays.toString(pads));
            }
        }
        Activation act = Activation.fusedOn(node);
        if (act.kind() == Activation.Kind.PRELU && !node.hasInput(3)) {
            throw new InvalidGraphException(what + " has activation PRelu but no slope input 3");
        }
        ConvParams p;
        try {
            p = new ConvParams(xs.dim(0) < 0 ? 1 : intAttr(xs.dim(0), what, "batch"),
                    intAttr(xs.dim(1), what, "channels"), intAttr(xs.dim(2), what, "height"),
                    intAttr(xs.dim(3), what, "width"), intAttr(ws.dim(0), what, "output channels"),
                    intAttr(kernel[0], what, "kernel"), intAttr(kernel[1], what, "kernel"),
                    intAttr(strides[0], what, "stride"), intAttr(strides[1], what, "stride"),
                    intAttr(dilations[0], what, "dilation"), intAttr(dilations[1], what, "dilation"),
                    intAttr(pads[0], what, "pad"), intAttr(pads[1], what, "pad"),
                    intAttr(pads[2], what, "pad"), intAttr(pads[3], what, "pad"),
                    group, node.hasInput(2), act);
        } catch (IllegalArgumentException e) {
            throw new InvalidGraphException(what + ": " + e.getMessage());
        }
        checkSize(p, what);
        checkInput(spec, 2, p.hasBias(), p.outChannels(), what + " bias");
        if (act.kind() == Activation.Kind.PRELU) {
            ValueInfo s = spec.input(3);
            long count = s == null || !s.shape().isStatic() ? -1 : s.shape().elementCount();
            if (count != 1 && count != p.outChannels()) {
                throw new InvalidGraphException(what + ": PRelu slope " + (s == null ? "missing" : s.shape())
                        + " must hold 1 or " + p.outChannels() + " values");
            }
        }
        ValueInfo y = spec.outputs().isEmpty() ? null : spec.output(0);
        if (y != null && y.shape().rank() == 4) {
            long[] expect = {xs.dim(0), p.outChannels(), p.outHeight(), p.outWidth()};
            long[] got = y.shape().dims();
            for (int d = 1; d < 4; d++) {
                if (got[d] >= 0 && got[d] != expect[d]) {
                    throw new InvalidGraphException(what + ": output " + y.shape() + " should be "
                            + Shape.of(expect));
                }
            }
        }
        return p;
    }

    private static void checkInput(KernelSpec spec, int i, boolean present, long count, String what) {
        if (!present) {
            return;
        }
        ValueInfo v = spec.input(i);
        if (v == null || !v.shape().isStatic() || v.shape().elementCount() != count) {
            throw new InvalidGraphException(what + " " + (v == null ? "is missing" : "has shape " + v.shape())
                    + "; expected " + count + " values");
        }
    }

    /** Rejects geometries whose buffers or packed weights would overflow int indexing. */
    private static void checkSize(ConvParams p, String what) {
        long in = (long) p.inChannels() * p.inHeight() * p.inWidth();
        long out = (long) p.outChannels() * p.outHeight() * p.outWidth();
        long weights = (long) p.outChannels() * p.inChannelsPerGroup() * p.kernelH() * p.kernelW();
        if (in > Integer.MAX_VALUE || out > Integer.MAX_VALUE || weights > Integer.MAX_VALUE) {
            throw new UnsupportedOperatorException(what + ": tensors of more than 2^31 elements per image");
        }
    }

    private static int intAttr(long v, String what, String name) {
        if (v <= 0 && !name.equals("pad") || v < 0 || v > Integer.MAX_VALUE) {
            throw new InvalidGraphException(what + ": invalid " + name + " " + v);
        }
        return (int) v;
    }

    /** Images in this run, from the buffer sizes (the batch may be dynamic). */
    static int batchOf(ConvParams p, MemorySegment x, MemorySegment y) {
        long inImage = (long) p.inChannels() * p.inHeight() * p.inWidth() * Float.BYTES;
        long outImage = (long) p.outChannels() * p.outHeight() * p.outWidth() * Float.BYTES;
        long batch = x.byteSize() / inImage;
        if (x.byteSize() != batch * inImage || y.byteSize() != batch * outImage) {
            throw new IllegalArgumentException("Conv: buffers of " + x.byteSize() + " and " + y.byteSize()
                    + " bytes do not hold whole images of " + inImage + " and " + outImage + " bytes");
        }
        return (int) batch;
    }

    /**
     * Bias and activation of a convolution as a GEMM epilogue. Output channels are the GEMM's rows,
     * or its columns when {@code channelsAreColumns}; a single PRelu slope is shared by all.
     */
    static Epilogue epilogue(ConvParams p, MemorySegment bias, MemorySegment slope, boolean channelsAreColumns) {
        Broadcast b = bias == null ? null
                : channelsAreColumns ? Broadcast.perColumn(bias) : Broadcast.perRow(bias);
        Broadcast s = null;
        if (p.activation().kind() == Activation.Kind.PRELU) {
            s = slope.byteSize() == Float.BYTES ? new Broadcast(slope, 0, 0, 0)
                    : channelsAreColumns ? Broadcast.perColumn(slope) : Broadcast.perRow(slope);
        }
        return Epilogue.of(b, p.activation(), s);
    }

    /** A constant's floats in native order, or null for none. */
    static MemorySegment floats(Initializer init, Node node) {
        return init == null ? null : ConstantFloats.copyOf(init, node);
    }
}
