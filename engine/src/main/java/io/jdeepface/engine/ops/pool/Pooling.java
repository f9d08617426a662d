package io.jdeepface.engine.ops.pool;

import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelSpec;
import io.jdeepface.engine.ops.SpecReader;
import io.jdeepface.engine.simd.VectorSupport;
import io.jdeepface.engine.tensor.DataType;
import java.util.Arrays;

/**
 * MaxPool, AveragePool (1-D and 2-D, NCHW float32) and GlobalAveragePool (any spatial rank).
 * Supported: kernel_shape, strides, asymmetric pads, ceil_mode, count_include_pad, dilations
 * (MaxPool only), auto_pad VALID/SAME_UPPER/SAME_LOWER with dilation 1, the first output only.
 */
public final class Pooling {
    private Pooling() {}

    /** A kernel for a MaxPool, AveragePool or GlobalAveragePool node. */
    public static Kernel create(KernelSpec spec) {
        String op = spec.node().opType();
        boolean vector = spec.vector() && VectorSupport.enabled();
        return switch (op) {
            case "GlobalAveragePool" -> globalAverage(spec, vector);
            case "MaxPool", "AveragePool" -> {
                PoolParams p = params(spec);
                yield vector ? new VectorPool(p) : new ScalarPool(p);
            }
            default -> throw SpecReader.invalid(spec, "is not a pooling operator");
        };
    }

    private static Kernel globalAverage(KernelSpec spec, boolean vector) {
        SpecReader.requireArity(spec, 1, 1, 1);
        SpecReader.requireType(spec, spec.input(0), DataType.FLOAT32);
        int[] in = SpecReader.inputDims(spec, 0);
        int[] out = SpecReader.outputDims(spec, 0);
        if (in.length < 3) {
            throw SpecReader.invalid(spec, "input rank " + in.length + "; expected N x C x spatial...");
        }
        int[] expected = in.clone();
        Arrays.fill(expected, 2, expected.length, 1);
        if (!Arrays.equals(out, expected)) {
            throw SpecReader.invalid(spec, "output shape " + Arrays.toString(out) + " should be " + Arrays.toString(expected));
        }
        int planes = in[0] * in[1];
        int size = SpecReader.elementCount(in) / Math.max(1, planes);
        if (size == 0) {
            throw SpecReader.invalid(spec, "averages over an empty spatial extent " + Arrays.toString(in));
        }
        return vector ? new VectorGlobalAverage(planes, size) : new ScalarGlobalAverage(planes, size);
    }

    /** Reads and checks the attributes of MaxPool/AveragePool against the input and output shapes. */
    static PoolParams params(KernelSpec spec) {
        Node node = spec.node();
        boolean max = node.opType().equals("MaxPool");
        SpecReader.requireArity(spec, 1, 1, 1);
        if (node.outputs().size() > 1 && !node.outputs().get(1).isEmpty()) {
            throw SpecReader.unsupported(spec, "the Indices output of MaxPool is not supported");
        }
        SpecReader.requireType(spec, spec.input(0), DataType.FLOAT32);
        int[] in = SpecReader.inputDims(spec, 0);
        int[] out = SpecReader.outputDims(spec, 0);
        if (in.length == 5) {
            throw SpecReader.unsupported(spec, "3-D pooling is not supported (input " + Arrays.toString(in) + ")");
        }
        if (in.length != 3 && in.length != 4) {
            throw SpecReader.invalid(spec, "input rank " + in.length + "; expected N x C x W or N x C x H x W");
        }
        int spatial = in.length - 2;
        long[] kernel = node.intsAttr("kernel_shape", null);
        if (kernel == null || kernel.length != spatial) {
            throw SpecReader.invalid(spec, "kernel_shape must have " + spatial + " values, has "
                    + (kernel == null ? "none" : Arrays.toString(kernel)));
        }
        long[] strides = ints(spec, "strides", spatial, 1);
        long[] dilations = ints(spec, "dilations", spatial, 1);
        long[] pads = ints(spec, "pads", 2 * spatial, 0);
        for (int k = 0; k < spatial; k++) {
            if (!sane(kernel[k]) || !sane(strides[k]) || !sane(dilations[k])) {
                throw SpecReader.invalid(spec, "kernel_shape, strides and dilations must be in 1..65536: "
                        + Arrays.toString(kernel) + ", " + Arrays.toString(strides) + ", " + Arrays.toString(dilations));
            }
        }
        for (long p : pads) {
            if (p < 0 || p > 65536) {
                throw SpecReader.invalid(spec, "pads must be non-negative: " + Arrays.toString(pads));
            }
        }
        if (!max && Arrays.stream(dilations).anyMatch(d -> d != 1)) {
            throw SpecReader.unsupported(spec, "AveragePool with dilations " + Arrays.toString(dilations) + " is not supported");
        }
        boolean ceil = node.intAttr("ceil_mode", 0) != 0;
        boolean includePad = node.intAttr("count_include_pad", 0) != 0;
        String autoPad = node.stringAttr("auto_pad", "NOTSET");
        switch (autoPad) {
            case "NOTSET", "" -> { }
            case "VALID" -> Arrays.fill(pads, 0);
            case "SAME_UPPER", "SAME_LOWER" -> {
                if (Arrays.stream(dilations).anyMatch(d -> d != 1)) {
                    throw SpecReader.unsupported(spec, "auto_pad " + autoPad + " with dilations is not supported");
                }
                for (int k = 0; k < spatial; k++) {
                    long size = in[k + 2];
                    long target = (size + strides[k] - 1) / strides[k];
                    long needed = Math.max(0, (target - 1) * strides[k] + kernel[k] - size);
                    long head = autoPad.equals("SAME_LOWER") ? (needed + 1) / 2 : needed / 2;
                    pads[k] = head;
                    pads[k + spatial] = needed - head;
                }
            }
            default -> throw SpecReader.unsupported(spec, "auto_pad '" + autoPad + "' is not supported");
        }
        if (out.length != in.length || out[0] != in[0] || out[1] != in[1]) {
            throw SpecReader.invalid(spec, "output shape " + Arrays.toString(out) + " does not match input " + Arrays.toString(in));
        }
        for (int k = 0; k < spatial; k++) {
            checkOutputSize(spec, k, in[k + 2], out[k + 2], kernel[k], strides[k], dilations[k],
                    pads[k], pads[k + spatial], ceil);
        }
        // 1-D pooling runs as 2-D pooling over planes of height 1.
        int h = spatial == 2 ? 0 : -1;
        int w = spatial - 1;
        return new PoolParams(max ? PoolParams.Kind.MAX : PoolParams.Kind.AVERAGE, includePad,
                in[0] * in[1],
                h < 0 ? 1 : in[2], in[in.length - 1], h < 0 ? 1 : out[2], out[out.length - 1],
                h < 0 ? 1 : (int) kernel[h], (int) kernel[w],
                h < 0 ? 1 : (int) strides[h], (int) strides[w],
                h < 0 ? 1 : (int) dilations[h], (int) dilations[w],
                h < 0 ? 0 : (int) pads[h], (int) pads[w],
                h < 0 ? 0 : (int) pads[h + spatial], (int) pads[w + spatial]);
    }

    private static boolean sane(long v) {
        return v > 0 && v <= 65536;
    }

    private static long[] ints(KernelSpec spec, String name, int length, long fallback) {
        long[] v = spec.node().intsAttr(name, null);
        if (v == null || v.length == 0) {
            long[] d = new long[length];
            Arrays.fill(d, fallback);
            return d;
        }
        if (v.length != length) {
            throw SpecReader.invalid(spec, name + " must have " + length + " values, has " + Arrays.toString(v));
        }
        return v;
    }

    /**
     * Output size per ONNX: floor or ceil of (in + pads - dilated kernel) / stride, plus 1. With
     * ceil_mode, shape inference that drops a last window starting beyond the input and its begin
     * padding (PyTorch, newer ONNX) gives one less; both are accepted since the windows that exist
     * are computed the same way.
     */
    private static void checkOutputSize(KernelSpec spec, int axis, long in, long out, long kernel, long stride,
                                        long dilation, long padBegin, long padEnd, boolean ceil) {
        long span = in + padBegin + padEnd - ((kernel - 1) * dilation + 1);
        if (span < 0) {
            throw SpecReader.invalid(spec, "the kernel (" + kernel + ", dilation " + dilation
                    + ") is larger than the padded input (" + in + " + " + padBegin + " + " + padEnd + ")");
        }
        long floor = span / stride + 1;
        long ceiling = (span + stride - 1) / stride + 1;
        boolean ok = ceil ? out == ceiling || (out == ceiling - 1 && (ceiling - 1) * stride >= in + padBegin)
                : out == floor;
        if (!ok) {
            throw SpecReader.invalid(spec, "spatial axis " + axis + ": output size " + out + " should be "
                    + (ceil ? ceiling : floor) + " (input " + in + ", kernel " + kernel + ", stride " + stride
                    + ", pads " + padBegin + "/" + padEnd + ", ceil_mode " + (ceil ? 1 : 0) + ")");
        }
    }
}
