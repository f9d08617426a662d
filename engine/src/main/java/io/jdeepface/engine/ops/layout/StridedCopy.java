package io.jdeepface.engine.ops.layout;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.ops.WorkSplit;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills a contiguous output by reading the source with arbitrary strides: output element
 * {@code (i0, i1, ...)} comes from source element {@code base + i0*s0 + i1*s1 + ...}. Transpose
 * (permuted strides) and Slice (offset base, strides times steps, negative for reverse steps) are
 * both this. Planned once: size-1 axes are dropped and axes that read the source as one run are
 * merged, then one of three loops is chosen:
 * <ul>
 *   <li>{@code RUNS}: the last axis reads contiguously, each output row is one bulk copy (slices,
 *       transposes that keep the last axis, such as ShuffleNet's channel shuffle);</li>
 *   <li>{@code TILES}: the second-last output axis reads contiguously, a batched 2-D transpose
 *       (NCHW to NHWC and back); done in square tiles so both sides stay in cache;</li>
 *   <li>{@code ELEMENTS}: anything else, one element at a time along the last axis.</li>
 * </ul>
 */
final class StridedCopy {
    enum Mode { RUNS, TILES, ELEMENTS }

    /** Tile edge for the 2-D transpose: 32 x 32 floats is 4 KB per side. */
    private static final int TILE = 32;
    /** Rows per work item when the output's last axis is short (a detector head's few channels). */
    private static final int NARROW_BAND = 1024;

    private final int size;
    private final int[] dims;
    private final long[] strides;
    private final long base;
    private final Mode mode;
    private final int count;

    private StridedCopy(int size, int[] dims, long[] strides, long base, Mode mode, int count) {
        this.size = size;
        this.dims = dims;
        this.strides = strides;
        this.base = base;
        this.mode = mode;
        this.count = count;
    }

    /** The plan for output dims {@code outDims} read with source strides {@code srcStrides} (elements). */
    static StridedCopy of(int elementSize, int[] outDims, long[] srcStrides, long srcBase) {
        List<long[]> axes = new ArrayList<>(); // {dim, stride}
        int count = 1;
        for (int k = 0; k < outDims.length; k++) {
            count *= outDims[k];
            if (outDims[k] == 1) {
                continue;
            }
            if (!axes.isEmpty() && axes.getLast()[1] == srcStrides[k] * outDims[k]) {
                axes.getLast()[0] *= outDims[k];
                axes.getLast()[1] = srcStrides[k];
            } else {
                axes.add(new long[] {outDims[k], srcStrides[k]});
            }
        }
        if (axes.isEmpty() || count == 0) { // a single element, or nothing to do
            axes.clear();
            axes.add(new long[] {count == 0 ? 0 : 1, 1});
        }
        int rank = axes.size();
        int[] dims = new int[rank];
        long[] strides = new long[rank];
        for (int k = 0; k < rank; k++) {
            dims[k] = (int) axes.get(k)[0];
            strides[k] = axes.get(k)[1];
        }
        Mode mode = strides[rank - 1] == 1 ? Mode.RUNS
                : rank >= 2 && strides[rank - 2] == 1 ? Mode.TILES : Mode.ELEMENTS;
        return new StridedCopy(elementSize, dims, strides, srcBase, mode, count);
    }

    Mode mode() {
        return mode;
    }

    /** Copies from {@code constant}, or input 0 when it is null, into output 0. */
    void run(MemorySegment constant, MemorySegment[] inputs, MemorySegment[] outputs, Parallel parallel) {
        if (count == 0) {
            return;
        }
        int rank = dims.length;
        int last = dims[rank - 1];
        Parallel.StepBody body = constant != null ? fromConstant(constant) : fromInput;
        if (mode == Mode.TILES) {
            int x = dims[rank - 2];
            int band = last >= TILE ? TILE : NARROW_BAND;
            int bands = (x + band - 1) / band;
            int outer = count / (x * last);
            WorkSplit.forRange(parallel, outer * bands, count, inputs, outputs, body);
        } else {
            WorkSplit.forRange(parallel, count / last, count, inputs, outputs, body);
        }
    }

    // The loop bodies: made once, so a run allocates nothing.
    private final Parallel.StepBody fromInput = (in, out, start, end) -> items(in[0], out[0], start, end);
    private Parallel.StepBody constantBody;

    private Parallel.StepBody fromConstant(MemorySegment constant) {
        Parallel.StepBody b = constantBody; // a constant input never changes: made on the first run
        if (b == null) {
            b = (in, out, start, end) -> items(constant, out[0], start, end);
            constantBody = b;
        }
        return b;
    }

    /** Work items [start, end): bands of 2-D transposes (TILES), else output rows. */
    private void items(MemorySegment src, MemorySegment dst, int start, int end) {
        int rank = dims.length;
        int last = dims[rank - 1];
        if (mode == Mode.TILES) {
            int x = dims[rank - 2];
            int band = last >= TILE ? TILE : NARROW_BAND;
            int bands = (x + band - 1) / band;
            for (int item = start; item < end; item++) {
                int x0 = (item % bands) * band;
                if (last >= TILE) {
                    tileBand(src, dst, item / bands, x0);
                } else {
                    narrowBand(src, dst, item / bands, x0, Math.min(x, x0 + band));
                }
            }
        } else {
            rows(src, dst, start, end);
        }
    }

    /** Odometer scratch per thread (a new array per call would be a heap allocation per run). */
    private static final ThreadLocal<int[]> ODOMETER = ThreadLocal.withInitial(() -> new int[8]);

    /** Output rows [start, end) along the last axis, with an odometer over the other axes. */
    private void rows(MemorySegment src, MemorySegment dst, int start, int end) {
        int rank = dims.length;
        int last = dims[rank - 1];
        long lastStride = strides[rank - 1];
        int[] idx = ODOMETER.get();
        if (idx.length < rank - 1) {
            idx = new int[rank - 1];
            ODOMETER.set(idx);
        }
        long off = base;
        int rem = start;
        for (int k = rank - 2; k >= 0; k--) {
            idx[k] = rem % dims[k];
            rem /= dims[k];
            off += idx[k] * strides[k];
        }
        for (int row = start; row < end; row++) {
            long out = (long) row * last;
            if (mode == Mode.RUNS) {
                Elements.copy(src, off, dst, out, last, size);
            } else {
                Elements.gather(src, off, lastStride, dst, out, last, size);
            }
            for (int k = rank - 2; k >= 0; k--) {
                off += strides[k];
                if (++idx[k] < dims[k]) {
                    break;
                }
                off -= strides[k] * dims[k];
                idx[k] = 0;
            }
        }
    }

    /** The offset in the source of 2-D transpose number {@code outer}. */
    private long sourceOf(int outer) {
        long off = base;
        int rem = outer;
        for (int k = dims.length - 3; k >= 0; k--) {
            off += (rem % dims[k]) * strides[k];
            rem /= dims[k];
        }
        return off;
    }

    /**
     * Rows [x0, x1) of 2-D transpose number {@code outer} when the output's last axis is short
     * (fewer than TILE): output column y is filled from one contiguous source run, so each loop
     * is long instead of a few elements (NCHW to NHWC with 2 or 4 channels).
     */
    private void narrowBand(MemorySegment src, MemorySegment dst, int outer, int x0, int x1) {
        int rank = dims.length;
        int ys = dims[rank - 1];
        long yStride = strides[rank - 1];
        long srcOuter = sourceOf(outer);
        long dstOuter = (long) outer * dims[rank - 2] * ys;
        for (int y = 0; y < ys; y++) {
            Elements.scatter(src, srcOuter + x0 + y * yStride, dst, dstOuter + (long) x0 * ys + y, ys, x1 - x0, size);
        }
    }

    /**
     * Rows [x0, x0 + TILE) of the 2-D transpose number {@code outer}: output [x][y] comes from
     * source x + y * stride. Walked in TILE x TILE squares: a square's source lines stay in cache
     * while it is written row by row.
     */
    private void tileBand(MemorySegment src, MemorySegment dst, int outer, int x0) {
        int rank = dims.length;
        int xs = dims[rank - 2];
        int ys = dims[rank - 1];
        long yStride = strides[rank - 1];
        long srcOuter = sourceOf(outer);
        long dstOuter = (long) outer * xs * ys;
        int x1 = Math.min(xs, x0 + TILE);
        for (int y0 = 0; y0 < ys; y0 += TILE) {
            int n = Math.min(TILE, ys - y0);
            for (int x = x0; x < x1; x++) {
                Elements.gather(src, srcOuter + x + y0 * yStride, yStride, dst, dstOuter + (long) x * ys + y0, n, size);
            }
        }
    }
}
