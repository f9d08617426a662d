package io.jdeepface.engine.ops.activation;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.ops.TestParallel;
import java.util.List;

/** The thread settings the activation and depthwise kernels must agree on. */
public final class TestThreads {
    public static final Parallel TWO = new TestParallel(2);
    /** Both thread counts the kernels must agree on. */
    public static final List<Parallel> BOTH = List.of(Parallel.SEQUENTIAL, TWO);

    private TestThreads() {}
}
