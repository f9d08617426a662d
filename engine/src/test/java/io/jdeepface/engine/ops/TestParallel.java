package io.jdeepface.engine.ops;

import io.jdeepface.engine.exec.Parallel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A test-only {@link Parallel}: chunks run on a small daemon pool plus the caller. It also
 * checks the contract kernels rely on (ranges disjoint, covering [0, n)).
 */
public final class TestParallel implements Parallel {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(3, r -> {
        Thread t = new Thread(r, "test-parallel");
        t.setDaemon(true);
        return t;
    });

    private final int threads;

    public TestParallel(int threads) {
        this.threads = threads;
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public void forRange(int n, RangeBody body) {
        if (n <= 0) {
            return;
        }
        int chunks = Math.min(n, threads);
        List<Future<?>> pending = new ArrayList<>();
        for (int c = 1; c < chunks; c++) {
            int start = (int) ((long) n * c / chunks);
            int end = (int) ((long) n * (c + 1) / chunks);
            pending.add(POOL.submit(() -> body.run(start, end)));
        }
        body.run(0, (int) ((long) n / chunks));
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }
}
