package io.jdeepface.engine.ops.layout;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelSpec;
import io.jdeepface.engine.ops.SpecReader;
import io.jdeepface.engine.ops.WorkSplit;
import io.jdeepface.engine.tensor.DataType;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Pad: {@code pads} as an attribute (opset up to 10) or constant input (11 on, with an optional
 * constant {@code axes} input from 18), {@code [begin_0, begin_1, ..., end_0, end_1, ...]}; a
 * negative pad removes elements (crop). Modes: {@code constant} (with {@code value}, attribute or
 * constant input, default 0), {@code edge} (repeat the border element) and {@code reflect} (mirror
 * without repeating the border; pads must be non-negative and smaller than the axis).
 * The kernel walks output rows: each row is padding only, or a bulk copy of one input row with
 * padding on either side.
 */
public final class Pad implements Kernel {
    enum Mode { CONSTANT, EDGE, REFLECT }

    private final Mode mode;
    private final int size;
    private final int[] in;
    private final int[] out;
    private final long[] begin;
    private final long fillBits;
    private final MemorySegment constant;

    private Pad(Mode mode, int size, int[] in, int[] out, long[] begin, long fillBits, MemorySegment constant) {
        this.mode = mode;
        this.size = size;
        this.in = in;
        this.out = out;
        this.begin = begin;
        this.fillBits = fillBits;
        this.constant = constant;
    }

    /** A kernel for a Pad node. */
    public static Kernel create(KernelSpec spec) {
        Node node = spec.node();
        if (!node.opType().equals("Pad")) {
            throw SpecReader.invalid(spec, "is not Pad");
        }
        SpecReader.requireArity(spec, 1, 4, 1);
        int size = LayoutChecks.elementSize(spec, spec.input(0), spec.output(0));
        DataType type = spec.input(0).type();
        int[] in = SpecReader.inputDims(spec, 0);
        int rank = in.length;
        String modeName = node.stringAttr("mode", "constant");
        Mode mode = switch (modeName) {
            case "constant" -> Mode.CONSTANT;
            case "edge" -> Mode.EDGE;
            case "reflect" -> Mode.REFLECT;
            default -> throw SpecReader.unsupported(spec, "mode '" + modeName + "' is not supported"
                    + " (constant, edge and reflect are)");
        };
        long[] pads = node.hasInput(1) ? SpecReader.constantInts(spec, 1, "pads") : node.intsAttr("pads", null);
        if (pads == null) {
            throw SpecReader.invalid(spec, "pads are missing (attribute before opset 11, input 1 from opset 11)");
        }
        long[] axes = SpecReader.constantInts(spec, 3, "axes");
        long[] full = new long[2 * rank];
        if (axes == null) {
            if (pads.length != 2 * rank) {
                throw SpecReader.invalid(spec, "pads " + Arrays.toString(pads) + " must have 2 x rank = " + 2 * rank
                        + " entries");
            }
            full = pads;
        } else {
            if (pads.length != 2 * axes.length) {
                throw SpecReader.invalid(spec, "pads " + Arrays.toString(pads) + " must have 2 entries per axis in "
                        + Arrays.toString(axes));
            }
            boolean[] seen = new boolean[rank];
            for (int i = 0; i < axes.length; i++) {
                int axis = SpecReader.axis(spec, axes[i], rank, "axis");
                if (seen[axis]) {
                    throw SpecReader.invalid(spec, "axis " + axis + " is padded twice");
                }
                seen[axis] = true;
                full[axis] = pads[i];
                full[axis + rank] = pads[i + axes.length];
            }
        }
        int[] out = new int[rank];
        long[] begin = new long[rank];
        for (int k = 0; k < rank; k++) {
            long o = in[k] + full[k] + full[k + rank];
            if (o < 0 || o > Integer.MAX_VALUE) {
                throw SpecReader.invalid(spec, "pads " + Arrays.toString(full) + " give axis " + k + " size " + o);
            }
            if (mode == Mode.REFLECT && (full[k] < 0 || full[k + rank] < 0
                    || (full[k] > 0 || full[k + rank] > 0) && Math.max(full[k], full[k + rank]) >= in[k])) {
                throw SpecReader.unsupported(spec, "reflect pads " + Arrays.toString(full)
                        + " must be non-negative and smaller than the axis " + Arrays.toString(in));
            }
            if (mode == Mode.EDGE && in[k] == 0 && o > 0) {
                throw SpecReader.invalid(spec, "edge padding of an empty axis " + k);
            }
            out[k] = (int) o;
            begin[k] = full[k];
        }
        LayoutChecks.requireOutput(spec, out, 0);
        long fill = mode == Mode.CONSTANT ? fillBits(spec, type) : 0;
        MemorySegment constant = SpecReader.constantInputs(spec)[0];
        if (Arrays.stream(full).allMatch(p -> p == 0)) { // fr_age's Pad nodes: a plain copy
            long bytes = (long) SpecReader.elementCount(in) * size;
            return (inputs, outputs, parallel) ->
                    Elements.copyBytes(constant != null ? constant : inputs[0], 0, outputs[0], 0, bytes);
        }
        if (rank == 0) { // a scalar: nothing to pad, the element is copied
            return new Pad(mode, size, new int[] {1}, new int[] {1}, new long[] {0}, fill, constant);
        }
        return new Pad(mode, size, in, out, begin, fill, constant);
    }

    /** The padding value as raw element bits: input 2 (opset 11 on) or the value attribute. */
    private static long fillBits(KernelSpec spec, DataType type) {
        Initializer c = spec.node().hasInput(2) ? spec.constant(2) : null;
        if (spec.node().hasInput(2) && c == null) {
            throw SpecReader.unsupported(spec, "constant_value (input 2) is computed at run time;"
                    + " only a constant padding value is supported");
        }
        if (c != null && c.elementCount() != 1) {
            throw SpecReader.invalid(spec, "constant_value must be one element, has shape " + c.shape());
        }
        if (c != null && c.type() != type) {
            throw SpecReader.invalid(spec, "constant_value is " + c.type() + " but the data is " + type);
        }
        if (type == DataType.FLOAT32) {
            float v = c != null ? c.toFloatArray()[0] : spec.node().floatAttr("value", 0f);
            return Float.floatToRawIntBits(v);
        }
        if (type == DataType.FLOAT16) {
            if (c != null || spec.node().floatAttr("value", 0f) != 0f) {
                throw SpecReader.unsupported(spec, "a non-zero padding value for float16 data");
            }
            return 0;
        }
        return c != null ? c.toLongArray()[0] : (long) spec.node().floatAttr("value", 0f);
    }

    /** The input index feeding output index {@code o} on axis k, or -1 for a constant pad. */
    private long source(int k, long o) {
        long i = o - begin[k];
        int dim = in[k];
        if (i >= 0 && i < dim) {
            return i;
        }
        return switch (mode) {
            case CONSTANT -> -1;
            case EDGE -> i < 0 ? 0 : dim - 1;
            case REFLECT -> i < 0 ? -i : 2L * (dim - 1) - i;
        };
    }

    @Override
    public void run(MemorySegment[] inputs, MemorySegment[] outputs, Parallel parallel) {
        int rank = out.length;
        int outLast = out[rank - 1];
        int rows = SpecReader.elementCount(out) / Math.max(1, outLast);
        if (outLast == 0) {
            return;
        }
        WorkSplit.forRange(parallel, rows, (long) rows * outLast, inputs, outputs, rowLoop);
    }

    /** Output rows [start, end); made once, so a run allocates nothing. */
    private final Parallel.StepBody rowLoop = this::rows;

    private void rows(MemorySegment[] inputs, MemorySegment[] outputs, int start, int end) {
        MemorySegment src = constant != null ? constant : inputs[0];
        for (int row = start; row < end; row++) {
            row(src, outputs[0], row);
        }
    }

    private void row(MemorySegment src, MemorySegment dst, int row) {
        int rank = out.length;
        int outLast = out[rank - 1];
        int inLast = in[rank - 1];
        long dstBase = (long) row * outLast;
        // the input row feeding this output row, through the outer axes
        long srcRow = 0;
        int rem = row;
        long stride = inLast;
        for (int k = rank - 2; k >= 0; k--) {
            long i = source(k, rem % out[k]);
            rem /= out[k];
            if (i < 0) {
                Elements.fill(dst, dstBase, outLast, fillBits, size);
                return;
            }
            srcRow += i * stride;
            stride *= in[k];
        }
        // [lo, hi) of the output row is a straight copy of the input row
        long lo = Math.clamp(begin[rank - 1], 0, outLast);
        long hi = Math.clamp(inLast + begin[rank - 1], lo, outLast);
        padRange(src, dst, srcRow, dstBase, 0, lo);
        if (hi > lo) {
            Elements.copy(src, srcRow + lo - begin[rank - 1], dst, dstBase + lo, hi - lo, size);
        }
        padRange(src, dst, srcRow, dstBase, hi, outLast);
    }

    /** Output positions [from, to) of a row that lie outside the input row. */
    private void padRange(MemorySegment src, MemorySegment dst, long srcRow, long dstBase, long from, long to) {
        if (from >= to) {
            return;
        }
        if (mode == Mode.CONSTANT) {
            Elements.fill(dst, dstBase + from, to - from, fillBits, size);
            return;
        }
        int last = out.length - 1;
        for (long o = from; o < to; o++) {
            Elements.copyOne(src, srcRow + source(last, o), dst, dstBase + o, size);
        }
    }
}
