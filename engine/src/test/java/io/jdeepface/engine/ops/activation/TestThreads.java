package io.jdeepface.engine.ops.activation;

import io.jdeepface.engine.exec.Parallel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** A minimal {@link Parallel} for tests: the first chunk on the caller, the others on daemon threads. */
public final class TestThreads implements Parallel {
    public static final Parallel TWO = new TestThreads(2);
    /** Both thread counts the kernels must agree on. */
    public static final List<Parallel> BOTH = List.of(Parallel.SEQUENTIAL, TWO);

    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-parallel");
        t.setDaemon(true);
        return t;
    });

    private final int threads;

    private TestThreads(int threads) {
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
        int chunks = Math.min(threads, n);
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

    @Override
    public String toString() {
        return threads + " thread(s)";
    }
}
