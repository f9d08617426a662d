package io.jdeepface.bench;

import io.jdeepface.face.store.EmbeddingMatrix;
import io.jdeepface.face.store.Neighbor;
import io.jdeepface.face.verify.DistanceMetric;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code find}'s search: the exact top 10 by cosine distance among {@code rows} stored 512-value
 * L2-normalised embeddings (synthetic, fixed seed), as {@code EmbeddingStore.search} runs it, on
 * all cores. A new query each call, so no answer is cached anywhere.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class FindBenchmark {
    static final int DIMENSION = 512;
    static final int K = 10;

    @Param({"100000", "1000000"})
    public int rows;

    private EmbeddingMatrix matrix;
    private float[][] queries;
    private int next;

    @Setup(Level.Trial)
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(2024);
        float[] values = new float[Math.multiplyExact(rows, DIMENSION)];
        for (int r = 0; r < rows; r++) {
            normalised(rnd, values, r * DIMENSION);
        }
        matrix = new EmbeddingMatrix(values, DIMENSION);
        queries = new float[64][DIMENSION];
        for (float[] q : queries) {
            normalised(rnd, q, 0);
        }
        List<Neighbor> top = matrix.nearest(queries[0], DistanceMetric.COSINE, K, Double.POSITIVE_INFINITY);
        if (top.size() != K) {
            throw new IllegalStateException("expected " + K + " neighbours, got " + top.size());
        }
    }

    private static void normalised(SplittableRandom rnd, float[] v, int off) {
        double sum = 0;
        for (int i = 0; i < DIMENSION; i++) {
            float x = (float) (rnd.nextDouble() * 2 - 1);
            v[off + i] = x;
            sum += (double) x * x;
        }
        float inv = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < DIMENSION; i++) {
            v[off + i] *= inv;
        }
    }

    @Benchmark
    public List<Neighbor> find() {
        float[] q = queries[next++ & (queries.length - 1)];
        return matrix.nearest(q, DistanceMetric.COSINE, K, Double.POSITIVE_INFINITY);
    }
}
