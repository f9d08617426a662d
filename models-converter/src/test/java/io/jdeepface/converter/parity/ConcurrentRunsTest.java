package io.jdeepface.converter.parity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.jdeepface.converter.ModelConverter;
import io.jdeepface.engine.exec.Model;
import io.jdeepface.engine.exec.Session;
import io.jdeepface.engine.exec.SessionOptions;
import io.jdeepface.engine.exec.SessionPool;
import io.jdeepface.engine.simd.VectorSupport;
import io.jdeepface.engine.tensor.Shape;
import io.jdeepface.engine.tensor.Tensor;
import io.jdeepface.testdata.TestPackages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One loaded model shared by 8 threads, each with its own session, and through one SessionPool:
 * every concurrent result equals, bit for bit, the result of the same input run sequentially.
 */
class ConcurrentRunsTest {
    private static final int THREADS = 8;
    private static final int RUNS_PER_THREAD = 6;

    @TempDir
    Path dir;

    @Test
    void eightThreadsMatchSequentialRuns() throws Exception {
        Path file = dir.resolve("fr_feature.jdm");
        ModelConverter.write(ModelConverter.convert(TestPackages.FACEPLUGIN.file("model/fr_feature.onnx")), file);
        long[] shape = {1, 3, 112, 112};
        List<float[]> inputs = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            inputs.add(i % 2 == 0 ? ParityInputs.random(shape, i) : ParityInputs.photo(1 + i % 6, shape, false));
        }
        SessionOptions options = new SessionOptions(2, VectorSupport.enabled());
        try (Model model = Model.load(file)) {
            List<float[]> expected = new ArrayList<>();
            try (Session s = model.newSession(options)) {
                for (float[] x : inputs) {
                    expected.add(run(s, x, shape));
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try (SessionPool shared = new SessionPool(model, options)) {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int id = t;
                    futures.add(pool.submit(() -> {
                        try (Session own = model.newSession(options)) {
                            for (int r = 0; r < RUNS_PER_THREAD; r++) {
                                int k = (id + r) % inputs.size();
                                assertArrayEquals(expected.get(k), run(own, inputs.get(k), shape),
                                        "own session, thread " + id + " run " + r);
                                Map<String, Tensor> viaPool = shared.run(Map.of("input",
                                        Tensor.ofFloats(new Shape(shape), inputs.get(k))));
                                assertArrayEquals(expected.get(k), viaPool.get("output").toFloatArray(),
                                        "session pool, thread " + id + " run " + r);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static float[] run(Session s, float[] x, long[] shape) {
        return s.run(Map.of("input", Tensor.ofFloats(new Shape(shape), x))).get("output").toFloatArray();
    }
}
