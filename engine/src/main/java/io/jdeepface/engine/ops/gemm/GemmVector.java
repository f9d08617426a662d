package io.jdeepface.engine.ops.gemm;

import io.jdeepface.engine.exec.Parallel;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * SGEMM on the Vector API, BLIS style: {@code C = epilogue(A·B)} computed in register tiles of
 * {@link #MR} rows × {@link #NR} columns (8 × 2 vectors: 16 accumulators stay in registers while
 * one pass over a depth block of {@link #KC} multiplies a packed A panel by a packed B panel).
 *
 * <p>Packed layouts, both in heap {@code float[]} (the micro-kernel reads them sequentially):
 * <ul>
 *   <li>A: rows are cut into panels of 8 rows, the last rows into panels of 4, 2 and 1 (so a
 *       matrix-vector product wastes nothing). The panel of {@code r} rows starting at row
 *       {@code i} holds element {@code (i + rr, p)} at {@code i*K + p*r + rr}.</li>
 *   <li>B: columns are cut into panels of {@code NR}, zero-padded; panel {@code q} holds element
 *       {@code (p, q*NR + jj)} at {@code q*NR*K + p*NR + jj}.</li>
 * </ul>
 * Constant operands (weights) are packed once at load ({@link #packA}, {@link #packB}); run-time
 * operands are packed block by block into a per-thread scratch (see {@link Scratch}).
 *
 * <p>Load this class only when {@link io.jdeepface.engine.simd.VectorSupport#enabled()}.
 */
public final class GemmVector {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int L = F.length();
    static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    /** Rows of a register tile. */
    public static final int MR = 8;
    /** Columns of a register tile: two vectors. */
    public static final int NR = 2 * L;
    /** Depth of one pass: a KC×NR panel of B (32 KiB with 16 lanes) stays in L1. */
    static final int KC = 256;
    /** Rows of a run-time A block packed at once (KC×MC floats, 256 KiB, stays in L2). */
    static final int MC = 256;

    private GemmVector() {}

    /** Where the left operand comes from. */
    public sealed interface ASource permits PackedA, StridedA {}

    /** A packed at load by {@link #packA}; the run-time offset indexes into {@code data}. */
    public record PackedA(float[] data) implements ASource {}

    /** A read at run time from a buffer with this layout; packed per block into scratch. */
    public record StridedA(MatrixLayout layout) implements ASource {}

    /**
     * Where the right operand comes from: something that can pack a KC×NR panel of B. A
     * convolution implements this to read its input image as an implicit im2col matrix.
     */
    public interface BSource {
        /**
         * Writes {@code B[k0 + p, j0 + jj]} to {@code dst[p*NR + jj]} for {@code p < kc},
         * {@code jj < nr}, and zero for {@code nr <= jj < NR}.
         *
         * @param b      the run-time buffer
         * @param offset element offset of this operand in {@code b}
         */
        void pack(MemorySegment b, long offset, int k0, int kc, int j0, int nr, float[] dst);
    }

    /** B packed at load by {@link #packB}; the run-time offset indexes into {@code data}. */
    public static final class PackedB implements BSource {
        private final float[] data;
        private final int k;

        public PackedB(float[] data, int k) {
            this.data = data;
            this.k = k;
        }

        float[] data() {
            return data;
        }

        @Override
        public void pack(MemorySegment b, long offset, int k0, int kc, int j0, int nr, float[] dst) {
            System.arraycopy(data, (int) offset + (j0 / NR) * NR * k + k0 * NR, dst, 0, kc * NR);
        }
    }

    /** B read at run time from a buffer with this layout. */
    public record StridedB(MatrixLayout layout) implements BSource {
        @Override
        public void pack(MemorySegment b, long offset, int k0, int kc, int j0, int nr, float[] dst) {
            packStridedB(b, offset, layout, k0, kc, j0, nr, dst);
        }
    }

    /**
     * The mask of lanes {@code [from, to)} (clipped to the vector). Built from a bit pattern:
     * {@code VectorSpecies.indexInRange} with a variable offset compiles to far more code, which
     * pushed the callers past the JIT's inlining budget.
     */
    public static VectorMask<Float> lanes(int from, int to) {
        int lo = Math.max(from, 0);
        int hi = Math.min(to, L);
        long bits = hi <= lo ? 0L : ((1L << hi) - 1) & -(1L << lo);
        return VectorMask.fromLong(F, bits);
    }

    /** Rows of the A panel starting at row {@code i} of an {@code m}-row matrix. */
    static int panelRows(int i, int m) {
        int left = m - i;
        return left >= MR ? MR : Integer.highestOneBit(left);
    }

    /** Packs an m×k matrix for {@link PackedA}. */
    public static float[] packA(MemorySegment a, long offset, MatrixLayout layout, int m, int k) {
        float[] dst = new float[Math.multiplyExact(m, k)];
        packABlock(a, offset, layout, m, 0, m, 0, k, dst, 0);
        return dst;
    }

    /** Packs several m×k matrices one after the other (a grouped convolution's weights). */
    public static float[] packA(MemorySegment a, long offset, MatrixLayout layout, int m, int k,
                                int count, long stride) {
        float[] dst = new float[Math.multiplyExact(Math.multiplyExact(m, k), count)];
        float[] heap = heapFloats(a);
        for (int g = 0; g < count; g++) {
            if (heap != null) {
                packHeapA(heap, offset + g * stride, layout, m, k, dst, g * m * k);
            } else {
                packABlock(a, offset + g * stride, layout, m, 0, m, 0, k, dst, g * m * k);
            }
        }
        return dst;
    }

    /**
     * The float array behind a heap segment that wraps a whole one (how constants reach the
     * packers, see {@code ConstantFloats}), else null. Load-time packing then indexes the array:
     * the same loop through the segment API runs interpreted when a model is first loaded and cost
     * hundreds of milliseconds on a MobileFaceNet.
     */
    private static float[] heapFloats(MemorySegment s) {
        return s.heapBase().orElse(null) instanceof float[] f && s.address() == 0
                && s.byteSize() == (long) f.length * Float.BYTES ? f : null;
    }

    /** {@link #packABlock} over all rows and the whole depth, reading a float array. */
    private static void packHeapA(float[] a, long offset, MatrixLayout layout, int m, int k, float[] dst, int dstOffset) {
        long rs = layout.rowStride();
        long cs = layout.colStride();
        for (int i = 0; i < m; ) {
            int r = panelRows(i, m);
            int base = dstOffset + i * k;
            for (int rr = 0; rr < r; rr++) {
                long src = offset + (i + rr) * rs;
                for (int p = 0; p < k; p++) {
                    dst[base + p * r + rr] = a[Math.toIntExact(src + p * cs)];
                }
            }
            i += r;
        }
    }

    /** Rows [i0, i1) and depth [k0, k0 + kc) of A into {@code dst} from {@code dstOffset}. */
    static void packABlock(MemorySegment a, long offset, MatrixLayout layout, int m,
                           int i0, int i1, int k0, int kc, float[] dst, int dstOffset) {
        long rs = layout.rowStride();
        long cs = layout.colStride();
        for (int i = i0; i < i1; ) {
            int r = panelRows(i, m);
            int base = dstOffset + (i - i0) * kc;
            for (int rr = 0; rr < r; rr++) {
                long src = offset + (i + rr) * rs + (long) k0 * cs;
                for (int p = 0; p < kc; p++) {
                    dst[base + p * r + rr] = a.getAtIndex(FLOAT, src + p * cs);
                }
            }
            i += r;
        }
    }

    /** Packs a k×n matrix for {@link PackedB}. */
    public static float[] packB(MemorySegment b, long offset, MatrixLayout layout, int k, int n) {
        int panels = (n + NR - 1) / NR;
        float[] dst = new float[Math.multiplyExact(Math.multiplyExact(panels, NR), k)];
        float[] heap = heapFloats(b);
        if (heap != null) { // element (p, j) to dst[q*NR*k + p*NR + jj]; reads run along the source
            long rs = layout.rowStride();
            long cs = layout.colStride();
            boolean rowsContiguous = cs == 1;
            for (int q = 0; q < panels; q++) {
                int nr = Math.min(NR, n - q * NR);
                int d = q * NR * k;
                if (rowsContiguous) {
                    for (int p = 0; p < k; p++) {
                        for (int jj = 0; jj < nr; jj++) {
                            dst[d + p * NR + jj] = heap[Math.toIntExact(offset + p * rs + (long) (q * NR + jj) * cs)];
                        }
                    }
                } else {
                    for (int jj = 0; jj < nr; jj++) {
                        for (int p = 0; p < k; p++) {
                            dst[d + p * NR + jj] = heap[Math.toIntExact(offset + p * rs + (long) (q * NR + jj) * cs)];
                        }
                    }
                }
            }
            return dst;
        }
        float[] panel = new float[Math.multiplyExact(k, NR)];
        for (int q = 0; q < panels; q++) {
            packStridedB(b, offset, layout, 0, k, q * NR, Math.min(NR, n - q * NR), panel);
            System.arraycopy(panel, 0, dst, q * NR * k, k * NR);
        }
        return dst;
    }

    static void packStridedB(MemorySegment b, long offset, MatrixLayout layout,
                             int k0, int kc, int j0, int nr, float[] dst) {
        long rs = layout.rowStride();
        long cs = layout.colStride();
        if (cs == 1 && nr == NR) { // rows are contiguous: two vector copies per row
            for (int p = 0; p < kc; p++) {
                long src = (offset + (k0 + p) * rs + j0) * Float.BYTES;
                FloatVector.fromMemorySegment(F, b, src, NATIVE).intoArray(dst, p * NR);
                FloatVector.fromMemorySegment(F, b, src + L * Float.BYTES, NATIVE).intoArray(dst, p * NR + L);
            }
        } else { // a transposed operand, or the last, partial panel: element by element
            for (int p = 0; p < kc; p++) {
                long src = offset + (k0 + p) * rs + j0 * cs;
                int d = p * NR;
                for (int jj = 0; jj < nr; jj++) {
                    dst[d + jj] = b.getAtIndex(FLOAT, src + jj * cs);
                }
                java.util.Arrays.fill(dst, d + nr, d + NR, 0f);
            }
        }
    }

    /**
     * Computes the block rows [rowFrom, rowTo) × columns [colFrom, colTo) of the m×n×k product
     * {@code C = epilogue(A·B)}. {@code rowFrom} must be a multiple of {@link #MR} and
     * {@code colFrom} of {@link #NR} (as {@link #forEachTile} hands them out); the ends may be
     * anything up to m and n. Offsets are element (float) offsets; for a packed operand the
     * offset indexes its packed array. The epilogue sees output {@code (epilogueRow + i, j)}.
     */
    public static void multiply(int m, int n, int k,
                                ASource a, MemorySegment aData, long aOffset,
                                BSource b, MemorySegment bData, long bOffset,
                                MemorySegment c, long cOffset, long ldc,
                                Epilogue epilogue, long epilogueRow,
                                int rowFrom, int rowTo, int colFrom, int colTo) {
        if (rowFrom >= rowTo || colFrom >= colTo) {
            return;
        }
        if (rowFrom % MR != 0 || colFrom % NR != 0 || rowTo > m || colTo > n) {
            throw new IllegalArgumentException("tile [" + rowFrom + "," + rowTo + ")x[" + colFrom + ","
                    + colTo + ") not aligned to " + MR + "x" + NR + " or outside " + m + "x" + n);
        }
        if (k == 0) {
            zeroAndFinish(c, cOffset, ldc, epilogue, epilogueRow, rowFrom, rowTo, colFrom, colTo);
            return;
        }
        Scratch s = Scratch.get();
        Epilogue finish = epilogue.isIdentity() ? null : epilogue;
        for (int k0 = 0; k0 < k; k0 += KC) {
            int kc = Math.min(KC, k - k0);
            boolean accumulate = k0 > 0;
            boolean last = k0 + kc == k;
            for (int i0 = rowFrom; i0 < rowTo; i0 += MC) {
                int i1 = Math.min(rowTo, i0 + MC);
                float[] aBuf;
                int aBase;
                int aDepth; // floats between panel starts, per row
                int aSkip;  // depth already consumed inside a panel
                int aRow0;
                if (a instanceof PackedA pa) {
                    aBuf = pa.data();
                    aBase = (int) aOffset;
                    aDepth = k;
                    aSkip = k0;
                    aRow0 = 0;
                } else {
                    StridedA sa = (StridedA) a;
                    packABlock(aData, aOffset, sa.layout(), m, i0, i1, k0, kc, s.a, 0);
                    aBuf = s.a;
                    aBase = 0;
                    aDepth = kc;
                    aSkip = 0;
                    aRow0 = i0;
                }
                for (int j = colFrom; j < colTo; j += NR) {
                    int nr = Math.min(NR, colTo - j);
                    float[] bBuf;
                    int bBase;
                    if (b instanceof PackedB pb) {
                        bBuf = pb.data();
                        bBase = (int) bOffset + (j / NR) * NR * k + k0 * NR;
                    } else {
                        b.pack(bData, bOffset, k0, kc, j, nr, s.b);
                        bBuf = s.b;
                        bBase = 0;
                    }
                    for (int i = i0; i < i1; ) {
                        int r = panelRows(i, m);
                        int ao = aBase + (i - aRow0) * aDepth + aSkip * r;
                        long cRow = cOffset + i * ldc + j;
                        GemmMicroKernels.run(r, kc, aBuf, ao, bBuf, bBase, s.tile);
                        TileWriter.write(s.tile, c, cRow, ldc, r, nr, accumulate,
                                last ? finish : null, epilogueRow + i, j);
                        i += r;
                    }
                }
            }
        }
    }

    private static void zeroAndFinish(MemorySegment c, long cOffset, long ldc, Epilogue epilogue,
                                      long epilogueRow, int rowFrom, int rowTo, int colFrom, int colTo) {
        for (int i = rowFrom; i < rowTo; i++) {
            for (int j = colFrom; j < colTo; j++) {
                c.setAtIndex(FLOAT, cOffset + i * ldc + j, epilogue.apply(0f, epilogueRow + i, j));
            }
        }
    }

    /** Body of {@link #forEachTile}: compute one block of GEMM number {@code item}. */
    /** Computes rows [rowFrom, rowTo) × columns [colFrom, colTo) of GEMM {@code item} from a step's buffers. */
    @FunctionalInterface
    public interface TileBody {
        void run(MemorySegment[] inputs, MemorySegment[] outputs, int item, int rowFrom, int rowTo,
                int colFrom, int colTo);
    }

    /**
     * Splits {@code items} independent m×n GEMMs (batch × group of a convolution, the batch of a
     * MatMul) across the threads of a {@link Parallel}. Work units are (item, row block, column
     * panel of NR); each thread gets one contiguous run of units, handed to the body as maximal
     * blocks. Threads write disjoint column panels (or row blocks) of C, 32 floats wide, so they
     * share at most the cache lines at panel edges. Rows are split only when there are too few
     * column panels to keep every thread busy.
     *
     * <p>A kernel makes one at load; the split for the run's sizes and thread count is kept, so a
     * run with the same sizes allocates nothing.
     */
    public static final class TileLoop {
        private final TileBody body;
        private Tiling last; // immutable; a race between sessions only computes it twice

        public TileLoop(TileBody body) {
            this.body = body;
        }

        /** Runs the body over every tile of {@code items} m×n GEMMs of depth k. */
        public void run(Parallel parallel, int items, int m, int n, int k, MemorySegment[] inputs,
                MemorySegment[] outputs) {
            if (items <= 0 || m <= 0 || n <= 0) {
                return;
            }
            // A small GEMM runs on the caller: handing a share to another thread costs microseconds.
            int threads = (long) items * m * n * k < MIN_PARALLEL_MACS_PER_THREAD * parallel.threads()
                    ? 1 : parallel.threads();
            Tiling t = last;
            if (t == null || t.items != items || t.m != m || t.n != n || t.threads != threads) {
                t = new Tiling(body, items, m, n, threads);
                last = t;
            }
            if (threads == 1) {
                t.run(inputs, outputs, 0, t.total);
            } else {
                parallel.forRange(t.total, inputs, outputs, t);
            }
        }
    }

    /**
     * Below this many multiply-adds per thread a GEMM runs on the calling thread: about 5 µs of
     * work, the order of what waking a worker and joining it costs.
     */
    public static final long MIN_PARALLEL_MACS_PER_THREAD = 50_000;

    /** One way of cutting items × m × n into units; as a loop body it decodes units into tiles. */
    private static final class Tiling implements Parallel.StepBody {
        final TileBody body;
        final int items;
        final int m;
        final int n;
        final int threads;
        final int colPanels;
        final int rowBlockPanels;
        final int perItem;
        final int total;

        Tiling(TileBody body, int items, int m, int n, int threads) {
            this.body = body;
            this.items = items;
            this.m = m;
            this.n = n;
            this.threads = threads;
            colPanels = (n + NR - 1) / NR;
            int rowPanels = (m + MR - 1) / MR;
            long units = (long) items * colPanels;
            int rowBlocks = 1;
            if (threads > 1 && units < 4L * threads) {
                rowBlocks = (int) Math.min(rowPanels, (4L * threads + units - 1) / units);
            }
            rowBlockPanels = (rowPanels + rowBlocks - 1) / rowBlocks;
            int blocks = (rowPanels + rowBlockPanels - 1) / rowBlockPanels;
            long all = units * blocks;
            if (all > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("GEMM too large to split: " + all + " tiles");
            }
            total = (int) all;
            perItem = blocks * colPanels;
        }

        @Override
        public void run(MemorySegment[] inputs, MemorySegment[] outputs, int start, int end) {
            int u = start;
            while (u < end) {
                int item = u / perItem;
                int within = u % perItem;
                int rb = within / colPanels;
                int q0 = within % colPanels;
                int q1 = Math.min(colPanels, q0 + (end - u));
                int rowFrom = rb * rowBlockPanels * MR;
                int rowTo = Math.min(m, rowFrom + rowBlockPanels * MR);
                body.run(inputs, outputs, item, rowFrom, rowTo, q0 * NR, Math.min(n, q1 * NR));
                u += q1 - q0;
            }
        }
    }

    /**
     * Per-thread packing buffers, allocated once per thread and reused by every GEMM that thread
     * runs (a thread computes one block at a time, so one set suffices; concurrent runs on other
     * threads have their own). Their size depends only on the blocking constants.
     */
    static final class Scratch {
        private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);
        final float[] a = new float[MC * KC];
        final float[] b = new float[KC * NR];
        final float[] tile = new float[MR * NR];

        static Scratch get() {
            return PER_THREAD.get();
        }
    }
}
