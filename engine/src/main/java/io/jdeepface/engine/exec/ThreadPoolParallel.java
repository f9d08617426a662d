package io.jdeepface.engine.exec;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link Parallel} over a fixed set of worker threads plus the calling thread. One loop runs at a
 * time (the owner is a session, used by one thread at a time), and whoever is free takes the next
 * chunk, the caller included. Workers spin briefly, then park.
 *
 * <p>The loop's description lives in fields reused from loop to loop, so a loop allocates nothing.
 * A worker that wakes late must not take a chunk of a newer loop believing it belongs to the one it
 * saw: chunks are claimed by compare-and-set on one {@code long} holding the loop's number (high
 * half) and the next chunk (low half), so a claim succeeds only for the loop the worker read. The
 * caller rewrites the fields only after every chunk of the previous loop has finished.
 */
public final class ThreadPoolParallel implements Parallel, AutoCloseable {
    private static final int SPINS_BEFORE_PARK = 20_000;
    private static final VarHandle TICKET;
    private static final VarHandle DONE;
    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TICKET = l.findVarHandle(ThreadPoolParallel.class, "ticket", long.class);
            DONE = l.findVarHandle(ThreadPoolParallel.class, "done", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int threads;
    private final Thread[] workers;
    private volatile boolean closed;

    // The current loop; written by the caller before it publishes the loop through `ticket`.
    private RangeBody rangeBody;
    private StepBody stepBody;
    private MemorySegment[] inputs;
    private MemorySegment[] outputs;
    private int n;
    private int chunks;
    private Thread caller;
    /** Loop number (high 32 bits) and next unclaimed chunk (low 32 bits). */
    private volatile long ticket;
    /** Chunks of the current loop finished. */
    private volatile int done;
    private volatile Throwable failure;

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
        if (Math.min(n, threads) == 1) {
            body.run(0, n);
            return;
        }
        start(n, body, null, null, null);
    }

    @Override
    public void forRange(int n, MemorySegment[] inputs, MemorySegment[] outputs, StepBody body) {
        if (n <= 0) {
            return;
        }
        if (Math.min(n, threads) == 1) {
            body.run(inputs, outputs, 0, n);
            return;
        }
        start(n, null, body, inputs, outputs);
    }

    private void start(int n, RangeBody range, StepBody step, MemorySegment[] in, MemorySegment[] out) {
        if (closed) {
            throw new IllegalStateException("thread pool is closed");
        }
        int chunks = Math.min(n, threads);
        this.rangeBody = range;
        this.stepBody = step;
        this.inputs = in;
        this.outputs = out;
        this.n = n;
        this.chunks = chunks;
        this.caller = Thread.currentThread();
        this.failure = null;
        this.done = 0;
        int loop = (int) (ticket >>> 32) + 1;
        ticket = (long) loop << 32; // publishes the fields above
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        work(loop);
        int spins = 0;
        while (done < chunks) {
            if (++spins > SPINS_BEFORE_PARK) {
                LockSupport.parkNanos(this, 100_000);
            } else {
                Thread.onSpinWait();
            }
        }
        // Drop the references so the buffers of the last loop are not kept reachable.
        this.rangeBody = null;
        this.stepBody = null;
        this.inputs = null;
        this.outputs = null;
        Throwable t = failure;
        if (t instanceof RuntimeException re) {
            throw re;
        } else if (t instanceof Error e) {
            throw e;
        } else if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    /** Takes chunks of loop {@code loop} until none is left; chunk c covers an even share of [0, n). */
    private void work(int loop) {
        while (true) {
            long t = ticket;
            int c = (int) t;
            if ((int) (t >>> 32) != loop || c >= chunks) {
                return; // a newer loop, or every chunk taken (chunks may already be the newer loop's: then the CAS fails)
            }
            if (!TICKET.compareAndSet(this, t, t + 1)) {
                continue;
            }
            // Claimed: the caller cannot start another loop before this chunk is done, so the fields are this loop's.
            int total = n;
            int parts = chunks;
            int start = (int) ((long) total * c / parts);
            int end = (int) ((long) total * (c + 1) / parts);
            try {
                StepBody step = stepBody;
                if (step != null) {
                    step.run(inputs, outputs, start, end);
                } else {
                    rangeBody.run(start, end);
                }
            } catch (Throwable e) {
                failure = e;
            } finally {
                Thread owner = caller;
                if ((int) DONE.getAndAdd(this, 1) + 1 == parts) {
                    LockSupport.unpark(owner);
                }
            }
        }
    }

    private void workerLoop() {
        int last = 0;
        int spins = 0;
        while (!closed) {
            int loop = (int) (ticket >>> 32);
            if (loop != last) {
                last = loop;
                work(loop);
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
