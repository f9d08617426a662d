package io.jdeepface.engine.exec;

import java.lang.foreign.MemorySegment;

/**
 * Intra-op parallelism as kernels see it: split a range of independent work items into contiguous
 * chunks and run them on the session's threads. Implementations must return only when every chunk
 * has finished, and must call the body with disjoint ranges whose union is [0, n).
 */
public interface Parallel {

    /** The body of a parallel loop: process items {@code [start, end)}. */
    @FunctionalInterface
    interface RangeBody {
        void run(int start, int end);
    }

    /**
     * A loop body that receives a step's buffers as arguments instead of capturing them, so a kernel
     * builds it once at load and a run allocates nothing (a capturing lambda is a new object per run,
     * and one handed to other threads always escapes to the heap).
     */
    @FunctionalInterface
    interface StepBody {
        void run(MemorySegment[] inputs, MemorySegment[] outputs, int start, int end);
    }

    /** Number of threads work may be split across (1 means everything runs on the caller). */
    int threads();

    /** Runs {@code body} over [0, n), split into at most {@link #threads()} contiguous chunks. */
    void forRange(int n, RangeBody body);

    /** Runs {@code body} over [0, n) with the given buffers, split as {@link #forRange(int, RangeBody)}. */
    default void forRange(int n, MemorySegment[] inputs, MemorySegment[] outputs, StepBody body) {
        forRange(n, (start, end) -> body.run(inputs, outputs, start, end));
    }

    /** Runs everything on the calling thread. */
    Parallel SEQUENTIAL = new Parallel() {
        @Override
        public int threads() {
            return 1;
        }

        @Override
        public void forRange(int n, RangeBody body) {
            if (n > 0) {
                body.run(0, n);
            }
        }

        @Override
        public void forRange(int n, MemorySegment[] inputs, MemorySegment[] outputs, StepBody body) {
            if (n > 0) {
                body.run(inputs, outputs, 0, n);
            }
        }
    };
}
