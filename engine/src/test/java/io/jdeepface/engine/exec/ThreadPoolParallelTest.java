package io.jdeepface.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ThreadPoolParallelTest {

    @Test
    void everyIndexRunsExactlyOnceOverManyLoops() {
        try (ThreadPoolParallel pool = new ThreadPoolParallel(3)) {
            for (int n : new int[] {1, 2, 3, 5, 17, 1000}) {
                for (int rep = 0; rep < 200; rep++) {
                    AtomicIntegerArray hits = new AtomicIntegerArray(n);
                    pool.forRange(n, (s, e) -> {
                        for (int i = s; i < e; i++) {
                            hits.incrementAndGet(i);
                        }
                    });
                    for (int i = 0; i < n; i++) {
                        assertEquals(1, hits.get(i), "n=" + n + " index " + i);
                    }
                }
            }
        }
    }

    @Test
    void failureInAChunkReachesTheCaller() {
        try (ThreadPoolParallel pool = new ThreadPoolParallel(2)) {
            IllegalStateException boom = new IllegalStateException("boom");
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> pool.forRange(10, (s, e) -> {
                        if (s == 0) {
                            throw boom;
                        }
                    }));
            assertSame(boom, thrown);
            // the pool still works afterwards
            AtomicIntegerArray hits = new AtomicIntegerArray(4);
            pool.forRange(4, (s, e) -> {
                for (int i = s; i < e; i++) {
                    hits.incrementAndGet(i);
                }
            });
            assertEquals(1, hits.get(3));
        }
    }

    @Test
    void rejectsZeroThreads() {
        assertThrows(IllegalArgumentException.class, () -> new ThreadPoolParallel(0));
    }
}
