package io.jdeepface.engine.ops.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.ops.TestParallel;
import io.jdeepface.engine.simd.VectorSupport;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link GemmVector.TileLoop} covers every (item, row, column) exactly once whatever the thread
 * count, and hands a GEMM to other threads only when it has enough multiply-adds to pay for it.
 */
class TileLoopTest {

    /** A TestParallel that counts the loops it was asked to split. */
    private static final class CountingParallel implements Parallel {
        final TestParallel inner;
        final AtomicInteger loops = new AtomicInteger();

        CountingParallel(int threads) {
            inner = new TestParallel(threads);
        }

        @Override
        public int threads() {
            return inner.threads();
        }

        @Override
        public void forRange(int n, RangeBody body) {
            loops.incrementAndGet();
            inner.forRange(n, body);
        }
    }

    @Property(tries = 80)
    void everyCellOnceAndSmallGemmsStayOnTheCaller(@ForAll @IntRange(min = 1, max = 3) int items,
            @ForAll @IntRange(min = 1, max = 70) int m, @ForAll @IntRange(min = 1, max = 300) int n,
            @ForAll @IntRange(min = 1, max = 600) int k, @ForAll @IntRange(min = 1, max = 4) int threads) {
        Assume.that(VectorSupport.enabled());
        int[] hits = new int[items * m * n];
        GemmVector.TileLoop loop = new GemmVector.TileLoop((in, out, t, r0, r1, c0, c1) -> {
            for (int r = r0; r < r1; r++) {
                for (int c = c0; c < c1; c++) {
                    synchronized (hits) {
                        hits[(t * m + r) * n + c]++;
                    }
                }
            }
        });
        CountingParallel parallel = new CountingParallel(threads);
        for (int run = 0; run < 2; run++) { // the second run reuses the kept split
            java.util.Arrays.fill(hits, 0);
            loop.run(parallel, items, m, n, k, new MemorySegment[0], new MemorySegment[0]);
            for (int i = 0; i < hits.length; i++) {
                assertEquals(1, hits[i], "cell " + i);
            }
        }
        long macs = (long) items * m * n * k;
        boolean split = threads > 1 && macs >= GemmVector.MIN_PARALLEL_MACS_PER_THREAD * threads;
        assertEquals(split ? 2 : 0, parallel.loops.get(), macs + " multiply-adds at " + threads + " threads");
    }
}
