package io.jdeepface.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The machine's measured floating-point peak: vector fused multiply-adds on {@link #ACCUMULATORS}
 * independent accumulators, enough to hide the FMA latency on both FMA ports, with no memory
 * traffic. One operation is one vector FMA; the formatter multiplies by 2 x {@link #lanes()} to get
 * FLOPS. Run on 1 and on 2 threads (the sum of both threads' throughput).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class PeakFlopsBenchmark {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int ACCUMULATORS = 12;
    static final int ITERATIONS = 256;

    /** Floats per vector on this machine. */
    public static int lanes() {
        return SPECIES.length();
    }

    // Non-final fields: the JIT cannot constant-fold the chains away.
    private float multiplier = 0.999f;
    private float addend = 0.001f;

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(ITERATIONS * ACCUMULATORS)
    public float oneThread() {
        return fmaLoop();
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(ITERATIONS * ACCUMULATORS)
    public float twoThreads() {
        return fmaLoop();
    }

    /** acc = acc * m + c on 12 chains; converges to 1, so no overflow or subnormals. */
    private float fmaLoop() {
        FloatVector m = FloatVector.broadcast(SPECIES, multiplier);
        FloatVector c = FloatVector.broadcast(SPECIES, addend);
        FloatVector a0 = FloatVector.broadcast(SPECIES, 0.1f), a1 = FloatVector.broadcast(SPECIES, 0.2f);
        FloatVector a2 = FloatVector.broadcast(SPECIES, 0.3f), a3 = FloatVector.broadcast(SPECIES, 0.4f);
        FloatVector a4 = FloatVector.broadcast(SPECIES, 0.5f), a5 = FloatVector.broadcast(SPECIES, 0.6f);
        FloatVector a6 = FloatVector.broadcast(SPECIES, 0.7f), a7 = FloatVector.broadcast(SPECIES, 0.8f);
        FloatVector a8 = FloatVector.broadcast(SPECIES, 0.9f), a9 = FloatVector.broadcast(SPECIES, 1.1f);
        FloatVector a10 = FloatVector.broadcast(SPECIES, 1.2f), a11 = FloatVector.broadcast(SPECIES, 1.3f);
        for (int i = 0; i < ITERATIONS; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
        }
        FloatVector sum = a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11);
        return sum.reduceLanes(VectorOperators.ADD);
    }
}
