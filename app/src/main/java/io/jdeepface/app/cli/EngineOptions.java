package io.jdeepface.app.cli;

import io.jdeepface.engine.exec.SessionOptions;
import io.jdeepface.engine.simd.VectorSupport;
import picocli.CommandLine.Option;

/** Engine flags shared by the commands that run models. */
public final class EngineOptions {
    @Option(names = "--threads", paramLabel = "N",
            description = "Threads per inference (default: available processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--scalar", description = "Use the scalar reference kernels instead of the Vector API ones.")
    boolean scalar;

    public SessionOptions sessionOptions() {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        return new SessionOptions(threads, !scalar && VectorSupport.enabled());
    }
}
