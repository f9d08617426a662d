package io.jdeepface.engine.exec;

import io.jdeepface.engine.simd.VectorSupport;

/**
 * How a session runs: how many threads one inference may use, and whether to use the Vector API
 * kernels (default: when available, see {@link VectorSupport}) or the scalar reference kernels.
 */
public record SessionOptions(int threads, boolean vector) {

    public SessionOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (vector && !VectorSupport.enabled()) {
            throw new IllegalArgumentException("Vector API kernels requested but unavailable: " + VectorSupport.reason());
        }
    }

    /** All available processors, vector kernels when available. */
    public static SessionOptions defaults() {
        return new SessionOptions(Runtime.getRuntime().availableProcessors(), VectorSupport.enabled());
    }

    public SessionOptions withThreads(int n) {
        return new SessionOptions(n, vector);
    }

    /** The scalar reference kernels: slow, simple, the ground truth in tests. */
    public SessionOptions scalar() {
        return new SessionOptions(threads, false);
    }
}
