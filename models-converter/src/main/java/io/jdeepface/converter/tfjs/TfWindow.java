package io.jdeepface.converter.tfjs;

import io.jdeepface.engine.format.ModelFormatException;
import io.jdeepface.engine.graph.Attribute;
import io.jdeepface.engine.tensor.Shape;
import java.util.Arrays;
import java.util.Map;

/**
 * The spatial geometry of a TF window op (conv, pooling) made explicit for ONNX: padding
 * {@code [top, left, bottom, right]} and output size. TF's SAME pads so that the output is
 * {@code ceil(in / stride)}; when the total is odd the extra row or column goes at the end
 * (bottom, right), which ONNX expresses with asymmetric pads.
 *
 * @param pads ONNX pads, or null when {@code autoSameUpper}
 * @param autoSameUpper TF SAME on a dynamic spatial size: ONNX {@code auto_pad = SAME_UPPER}
 */
record TfWindow(long[] pads, boolean autoSameUpper, long outH, long outW) {
    /** A TF window attribute (strides, ksize, dilations) has at most this size per dimension. */
    private static final long MAX_WINDOW = 1 << 20;

    /** One spatial axis of a window op. */
    record Axis(long input, long kernel, long stride, long dilation) {
        long effectiveKernel() {
            return Math.addExact(Math.multiplyExact(kernel - 1, dilation), 1);
        }
    }

    /** Padding before and after on one axis and the output size ({@link Shape#DYNAMIC} if the input's is). */
    record Resolved(long before, long after, long output) {}

    void addTo(Map<String, Attribute> attrs) {
        if (autoSameUpper) {
            attrs.put("auto_pad", new Attribute.Str("SAME_UPPER"));
        } else {
            attrs.put("pads", new Attribute.Ints(pads));
        }
    }

    /** The geometry of window op {@code n} (its {@code padding} attribute) on NHWC input shape {@code x}. */
    static TfWindow of(TfNode n, long[] x, long kh, long kw, long[] strides, long[] dilations)
            throws ModelFormatException {
        if (kh < 1 || kw < 1) {
            throw new ModelFormatException(n.describe() + ": empty window " + kh + "x" + kw);
        }
        Axis h = new Axis(x[1], kh, strides[1], dilations[1]);
        Axis w = new Axis(x[2], kw, strides[2], dilations[2]);
        String padding = n.stringAttr("padding", "");
        Resolved rh;
        Resolved rw;
        switch (padding) {
            case "SAME" -> {
                rh = same(h);
                rw = same(w);
                if (x[1] == Shape.DYNAMIC || x[2] == Shape.DYNAMIC) {
                    return new TfWindow(null, true, rh.output(), rw.output());
                }
            }
            case "VALID" -> {
                rh = explicit(h, 0, 0, n.describe());
                rw = explicit(w, 0, 0, n.describe());
            }
            case "EXPLICIT" -> {
                long[] e = n.intsAttr("explicit_paddings", new long[0]);
                if (e.length != 8 || e[0] != 0 || e[1] != 0 || e[6] != 0 || e[7] != 0
                        || Arrays.stream(e).anyMatch(p -> p < 0)) {
                    throw new ModelFormatException(n.describe() + ": explicit_paddings " + Arrays.toString(e)
                            + " must be 8 non-negative values padding only H and W");
                }
                rh = explicit(h, e[2], e[3], n.describe());
                rw = explicit(w, e[4], e[5], n.describe());
            }
            default -> throw new ModelFormatException(n.describe() + ": padding '" + padding
                    + "' is not supported (SAME, VALID and EXPLICIT are)");
        }
        return new TfWindow(new long[] {rh.before(), rw.before(), rh.after(), rw.after()}, false,
                rh.output(), rw.output());
    }

    /** A 4-element NHWC window attribute (strides, ksize, dilations): [1, h, w, 1]. */
    static long[] attribute(TfNode n, String key, long[] fallback) throws ModelFormatException {
        long[] v = n.intsAttr(key, fallback);
        if (v == null) {
            throw new ModelFormatException(n.describe() + " has no attribute '" + key + "'");
        }
        if (v.length != 4 || v[0] != 1 || v[3] != 1 || v[1] < 1 || v[2] < 1 || v[1] > MAX_WINDOW || v[2] > MAX_WINDOW) {
            throw new ModelFormatException(n.describe() + ": " + key + " " + Arrays.toString(v)
                    + " must be [1, h, w, 1] with positive h and w");
        }
        return v;
    }

    /** TF SAME: {@code out = ceil(in / s)}, total padding {@code max((out-1)*s + k_eff - in, 0)}, extra at the end. */
    static Resolved same(Axis a) {
        if (a.input() == Shape.DYNAMIC) {
            return new Resolved(0, 0, Shape.DYNAMIC);
        }
        long out = -Math.floorDiv(-a.input(), a.stride());
        long total = Math.max(Math.addExact(Math.multiplyExact(out - 1, a.stride()), a.effectiveKernel()) - a.input(), 0);
        return new Resolved(total / 2, total - total / 2, out);
    }

    /** TF VALID (no padding) or EXPLICIT (given padding): {@code out = (in + pads - k_eff) / s + 1}. */
    static Resolved explicit(Axis a, long before, long after, String what) throws ModelFormatException {
        if (a.input() == Shape.DYNAMIC) {
            return new Resolved(before, after, Shape.DYNAMIC);
        }
        long span = Math.addExact(Math.addExact(a.input(), before), after) - a.effectiveKernel();
        if (span < 0) {
            throw new ModelFormatException(what + ": window of " + a.effectiveKernel()
                    + " is larger than the padded input of " + (span + a.effectiveKernel()));
        }
        return new Resolved(before, after, span / a.stride() + 1);
    }
}
