package io.jdeepface.engine.exec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link Parallel} over a fixed set of worker threads plus the calling thread. One loop runs at a
 * time (the owner is a session, used by one thread at a time). Each loop is a {@link Job} with its
 * own chunk counter, so a worker that wakes late can only take chunks of the job it saw, and
 * whoever is free takes the next chunk, the caller included. Workers spin briefly, then park.
 */
public final class ThreadPoolParallel implements Parallel, AutoCloseable {
    private static final int SPINS_BEFORE_PARK = 20_000;

    private final int threads;
    private final Thread[] workers;
    private volatile Job current;
    private volatile boolean closed;

    /** One parallel loop: the body, its range split into {@code chunks} parts, and progress. */
    private static final class Job {
        final RangeBody body;
        final int n;
        final int chunks;
        final Thread caller;
        // Atomic int fields rather than AtomicInteger objects: a job is made per loop, hundreds per run.
        private static final VarHandle NEXT;
        private static final VarHandle DONE;
        static {
            try {
                MethodHandles.Lookup l = MethodHandles.lookup();
                NEXT = l.findVarHandle(Job.class, "next", int.class);
                DONE = l.findVarHandle(Job.class, "done", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
        @SuppressWarnings("unused") // through NEXT
        private volatile int next;
        private volatile int done;
        volatile Throwable failure;

        Job(RangeBody body, int n, int chunks, Thread caller) {
            this.body = body;
            this.n = n;
            this.chunks = chunks;
            this.caller = caller;
        }

        /** Takes chunks until none is left; chunk c covers an even share of [0, n). */
        void work() {
            for (int c; (c = (int) NEXT.getAndAdd(this, 1)) < chunks; ) {
                int start = (int) ((long) n * c / chunks);
                int end = (int) ((long) n * (c + 1) / chunks);
                try {
                    body.run(start, end);
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    if ((int) DONE.getAndAdd(this, 1) + 1 == chunks) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }
    }

    public ThreadPoolParallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            Thread t = new Thread(this::workerLoop, "jdeepface-worker-" + i);
            t.setDaemon(true);
            workers[i] = t;
            t.start();
        }
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
        if (chunks == 1) {
            body.run(0, n);
            return;
        }
        if (closed) {
            throw new IllegalStateException("thread pool is closed");
        }
        Job job = new Job(body, n, chunks, Thread.currentThread());
        current = job;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        job.work();
        int spins = 0;
        while (job.done < chunks) {
            if (++spins > SPINS_BEFORE_PARK) {
                LockSupport.parkNanos(this, 100_000);
            } else {
                Thread.onSpinWait();
            }
        }
        current = null;
        Throwable t = job.failure;
        if (t instanceof RuntimeException re) {
            throw re;
        } else if (t instanceof Error e) {
            throw e;
        } else if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    private void workerLoop() {
        Job last = null;
        int spins = 0;
        while (!closed) {
            Job job = current;
            if (job != null && job != last) {
                last = job;
                job.work();
                spins = 0;
            } else if (++spins > SPINS_BEFORE_PARK) {
                LockSupport.park(this);
                spins = 0;
            } else {
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
    }
}
