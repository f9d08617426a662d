package io.jdeepface.engine.ops.elementwise;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.ops.WorkSplit;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * How a numpy-broadcast binary op walks its operands, worked out once at load. The output is a
 * sequence of rows of {@code inner} contiguous elements; along a row each operand either advances
 * with the output ({@code varies}) or stays on one element (it is broadcast along the last axis).
 * Axes of size 1 are dropped and neighbouring axes that step the same way in both operands are
 * merged, so the common cases become one long row (same shape), rows with a scalar per row
 * ({@code [N,C,H,W]} op {@code [C,1,1]}: rows of H*W, one per channel) or a short row repeated
 * ({@code [N,C,H,W]} op {@code [W]}).
 */
final class BroadcastPlan {

    /** Processes one row of a step's buffers: {@code len} output elements from element offsets aOff, bOff, outOff. */
    @FunctionalInterface
    interface RowBody {
        void row(MemorySegment[] inputs, MemorySegment[] outputs, long aOff, long bOff, long outOff, int len);
    }

    final int[] outerDims;
    final long[] outerStrideA;
    final long[] outerStrideB;
    final int inner;
    final boolean aVaries;
    final boolean bVaries;
    final int rows;

    private BroadcastPlan(int[] outerDims, long[] outerStrideA, long[] outerStrideB, int inner,
                          boolean aVaries, boolean bVaries) {
        this.outerDims = outerDims;
        this.outerStrideA = outerStrideA;
        this.outerStrideB = outerStrideB;
        this.inner = inner;
        this.aVaries = aVaries;
        this.bVaries = bVaries;
        int r = 1;
        for (int d : outerDims) {
            r *= d;
        }
        this.rows = r;
    }

    /** The broadcast shape of a and b (numpy rules), or null when they do not broadcast. */
    static int[] broadcastShape(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int k = 0; k < rank; k++) {
            int da = dimFromRight(a, rank - 1 - k);
            int db = dimFromRight(b, rank - 1 - k);
            if (da != db && da != 1 && db != 1) {
                return null;
            }
            out[k] = da == 1 ? db : da;
        }
        return out;
    }

    private static int dimFromRight(int[] dims, int fromRight) {
        int k = dims.length - 1 - fromRight;
        return k >= 0 ? dims[k] : 1;
    }

    /** The plan for {@code out = a op b}; {@code out} must be the broadcast shape of a and b. */
    static BroadcastPlan of(int[] a, int[] b, int[] out) {
        int rank = out.length;
        long[] sa = broadcastStrides(a, out);
        long[] sb = broadcastStrides(b, out);
        // Drop size-1 axes, then merge an axis into the previous one when both operands step
        // through them as one contiguous run (or both stay put).
        List<long[]> axes = new ArrayList<>(); // {dim, strideA, strideB}
        for (int k = 0; k < rank; k++) {
            if (out[k] == 1) {
                continue;
            }
            if (!axes.isEmpty()) {
                long[] prev = axes.getLast();
                if (prev[1] == sa[k] * out[k] && prev[2] == sb[k] * out[k]) {
                    prev[0] *= out[k];
                    prev[1] = sa[k];
                    prev[2] = sb[k];
                    continue;
                }
            }
            axes.add(new long[] {out[k], sa[k], sb[k]});
        }
        if (axes.isEmpty()) { // a single element
            return new BroadcastPlan(new int[0], new long[0], new long[0], 1, true, true);
        }
        long[] last = axes.removeLast();
        int n = axes.size();
        int[] dims = new int[n];
        long[] stA = new long[n];
        long[] stB = new long[n];
        for (int k = 0; k < n; k++) {
            dims[k] = (int) axes.get(k)[0];
            stA[k] = axes.get(k)[1];
            stB[k] = axes.get(k)[2];
        }
        // The last kept axis has size > 1 in the output, so at least one operand has stride 1 there.
        return new BroadcastPlan(dims, stA, stB, (int) last[0], last[1] != 0, last[2] != 0);
    }

    /** Strides (in elements) of an operand seen with the output's rank: 0 along broadcast axes. */
    private static long[] broadcastStrides(int[] operand, int[] out) {
        int rank = out.length;
        long[] s = new long[rank];
        long acc = 1;
        for (int k = rank - 1; k >= 0; k--) {
            int j = k - (rank - operand.length);
            int d = j >= 0 ? operand[j] : 1;
            s[k] = d == 1 ? 0 : acc;
            acc *= d;
        }
        return s;
    }

    /**
     * Calls a body for every row (or piece of a row), spread over the threads. Made once per
     * kernel; the split for the session's thread count is kept, so a run allocates nothing.
     */
    final class RowLoop {
        private final RowBody body;
        private RowSplit last; // immutable; a race between sessions only computes it twice

        RowLoop(RowBody body) {
            this.body = body;
        }

        void run(Parallel parallel, MemorySegment[] inputs, MemorySegment[] outputs) {
            int threads = Math.max(1, parallel.threads());
            RowSplit split = last;
            if (split == null || split.threads != threads) {
                split = new RowSplit(body, threads);
                last = split;
            }
            WorkSplit.forRange(parallel, rows * split.piecesPerRow, (long) rows * inner, inputs, outputs, split);
        }
    }

    /** Rows cut into pieces for a thread count; as a loop body, runs items [start, end). */
    private final class RowSplit implements Parallel.StepBody {
        final RowBody body;
        final int threads;
        final int piecesPerRow;
        final int pieceLen;

        RowSplit(RowBody body, int threads) {
            // Few long rows (same-shape tensors are one row): cut each row into pieces so that every
            // thread gets work. Pieces are multiples of 64 elements to keep vector loops whole.
            this.body = body;
            this.threads = threads;
            int pieces = rows >= threads ? 1 : Math.max(1, Math.min(threads, inner / 64));
            pieceLen = pieces == 1 ? inner : (((inner + pieces - 1) / pieces + 63) & ~63);
            piecesPerRow = pieces == 1 ? 1 : (inner + pieceLen - 1) / pieceLen;
        }

        @Override
        public void run(MemorySegment[] inputs, MemorySegment[] outputs, int start, int end) {
            for (int item = start; item < end; item++) {
                int row = item / piecesPerRow;
                int from = (item % piecesPerRow) * pieceLen;
                int len = Math.min(pieceLen, inner - from);
                long offA = 0;
                long offB = 0;
                int rem = row;
                for (int k = outerDims.length - 1; k >= 0; k--) {
                    int i = rem % outerDims[k];
                    rem /= outerDims[k];
                    offA += i * outerStrideA[k];
                    offB += i * outerStrideB[k];
                }
                body.row(inputs, outputs, offA + (aVaries ? from : 0), offB + (bVaries ? from : 0),
                        (long) row * inner + from, len);
            }
        }
    }
}
