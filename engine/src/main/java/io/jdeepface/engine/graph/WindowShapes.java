package io.jdeepface.engine.graph;

import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * Output sizes of sliding-window ops (Conv, MaxPool, AveragePool) over the spatial dims of an
 * N x C x spatial... input, following the ONNX definitions of pads, strides, dilations, auto_pad
 * and ceil_mode.
 */
final class WindowShapes {
    private WindowShapes() {}

    static List<ValueInfo> conv(NodeView v) {
        long[] x = v.dims(0);
        long[] w = v.dims(1);
        int spatial = x.length - 2;
        if (spatial < 1) {
            throw v.fail("input must be N x C x spatial..., got rank " + x.length);
        }
        if (w.length != x.length) {
            throw v.fail("weight rank " + w.length + " differs from input rank " + x.length);
        }
        long group = v.node().intAttr("group", 1);
        if (group < 1) {
            throw v.fail("group must be positive, got " + group);
        }
        long outChannels = w[0];
        if (!Dims.isDynamic(x[1]) && !Dims.isDynamic(w[1]) && x[1] != Math.multiplyExact(w[1], group)) {
            throw v.fail("input has " + x[1] + " channels but weight " + Dims.toString(w)
                    + " with group " + group + " expects " + w[1] * group);
        }
        if (!Dims.isDynamic(outChannels) && outChannels % group != 0) {
            throw v.fail(outChannels + " output channels are not divisible by group " + group);
        }
        if (v.has(2)) {
            long[] b = v.dims(2);
            if (b.length != 1 || (!Dims.isDynamic(b[0]) && b[0] != outChannels)) {
                throw v.fail("bias shape " + Dims.toString(b) + " does not match " + outChannels
                        + " output channels");
            }
        }
        long[] kernel = v.node().intsAttr("kernel_shape", null);
        if (kernel == null) {
            kernel = Arrays.copyOfRange(w, 2, w.length);
        } else if (kernel.length != spatial) {
            throw v.fail("kernel_shape has " + kernel.length + " dims for " + spatial + " spatial dims");
        }
        long[] out = new long[x.length];
        out[0] = x[0];
        out[1] = outChannels;
        fillSpatial(v, x, kernel, false, out);
        return v.output(v.type(0), out);
    }

    static List<ValueInfo> pool(NodeView v) {
        long[] x = v.dims(0);
        int spatial = x.length - 2;
        if (spatial < 1) {
            throw v.fail("input must be N x C x spatial..., got rank " + x.length);
        }
        long[] kernel = v.node().intsAttr("kernel_shape", null);
        if (kernel == null || kernel.length != spatial) {
            throw v.fail("kernel_shape must list " + spatial + " sizes");
        }
        long[] out = new long[x.length];
        out[0] = x[0];
        out[1] = x[1];
        fillSpatial(v, x, kernel, v.node().intAttr("ceil_mode", 0) != 0, out);
        if (v.node().outputs().size() == 2) { // MaxPool's optional Indices output
            return List.of(new ValueInfo(v.node().outputs().get(0), v.type(0), new Shape(out)),
                    new ValueInfo(v.node().outputs().get(1), DataType.INT64,
                            new Shape(out)));
        }
        return v.output(v.type(0), out);
    }

    static List<ValueInfo> globalPool(NodeView v) {
        long[] x = v.dims(0);
        if (x.length < 3) {
            throw v.fail("input must be N x C x spatial..., got rank " + x.length);
        }
        long[] out = x.clone();
        for (int i = 2; i < out.length; i++) {
            out[i] = 1;
        }
        return v.output(v.type(0), out);
    }

    private static void fillSpatial(NodeView v, long[] x, long[] kernel, boolean ceil, long[] out) {
        int spatial = kernel.length;
        long[] strides = spatialAttr(v, "strides", spatial, 1);
        long[] dilations = spatialAttr(v, "dilations", spatial, 1);
        long[] pads = v.node().intsAttr("pads", new long[2 * spatial]);
        if (pads.length != 2 * spatial) {
            throw v.fail("pads has " + pads.length + " values, expected " + 2 * spatial);
        }
        String autoPad = v.node().stringAttr("auto_pad", "NOTSET");
        for (int i = 0; i < spatial; i++) {
            if (kernel[i] < 1 || strides[i] < 1 || dilations[i] < 1) {
                throw v.fail("kernel, strides and dilations must be positive");
            }
            if (pads[i] < 0 || pads[i + spatial] < 0) {
                throw v.fail("pads must not be negative: " + Arrays.toString(pads));
            }
            long in = x[i + 2];
            if (Dims.isDynamic(in)) {
                out[i + 2] = Dims.DYNAMIC;
                continue;
            }
            long effectiveKernel = Math.addExact(Math.multiplyExact(kernel[i] - 1, dilations[i]), 1);
            out[i + 2] = switch (autoPad) {
                case "NOTSET" -> explicit(v, in, pads[i], pads[i + spatial], effectiveKernel, strides[i], ceil);
                case "VALID" -> explicit(v, in, 0, 0, effectiveKernel, strides[i], ceil);
                case "SAME_UPPER", "SAME_LOWER" -> (in + strides[i] - 1) / strides[i];
                default -> throw v.fail("unknown auto_pad '" + autoPad + "'");
            };
        }
    }

    /**
     * floor((in + pads - k) / s) + 1, or the ceiling in ceil mode, where a last window that would
     * start inside the end padding is dropped (the PyTorch rule that ONNX adopted).
     */
    private static long explicit(NodeView v, long in, long padBegin, long padEnd, long k, long s, boolean ceil) {
        long span = Math.subtractExact(Math.addExact(Math.addExact(in, padBegin), padEnd), k);
        if (span < 0) {
            throw v.fail("window of size " + k + " does not fit input size " + in + " with pads "
                    + padBegin + "+" + padEnd);
        }
        long out = Math.addExact(span, ceil ? s - 1 : 0) / s + 1;
        if (ceil && (out - 1) * s >= in + padBegin) {
            out--;
        }
        return out;
    }

    private static long[] spatialAttr(NodeView v, String name, int spatial, long fallback) {
        long[] values = v.node().intsAttr(name, null);
        if (values == null) {
            values = new long[spatial];
            Arrays.fill(values, fallback);
        } else if (values.length != spatial) {
            throw v.fail(name + " has " + values.length + " values for " + spatial + " spatial dims");
        }
        return values;
    }
}
