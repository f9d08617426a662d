package io.jdeepface.app.cli;

import io.jdeepface.engine.exec.Model;
import io.jdeepface.engine.exec.Session;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.simd.VectorSupport;
import io.jdeepface.engine.tensor.Shape;
import io.jdeepface.engine.tensor.Tensor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jdeepface bench-model MODEL}: a quick latency check on random inputs. Medians and p90
 * after warm-up; the JMH benchmarks in {@code bench/} are the rigorous comparison.
 */
@Command(name = "bench-model", mixinStandardHelpOptions = true,
        description = "Time a converted model on random inputs: median and p90 latency after warm-up.")
public final class BenchModelCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The converted model file.")
    Path modelFile;

    @Option(names = "--batch", paramLabel = "B", description = "Batch size for inputs with a dynamic batch (default 1).")
    int batch = 1;

    @Option(names = "--warmup", paramLabel = "N", description = "Untimed runs first (default 20).")
    int warmup = 20;

    @Option(names = "--iterations", paramLabel = "N", description = "Timed runs (default 100).")
    int iterations = 100;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || warmup < 0 || iterations < 1) {
            throw new IllegalArgumentException("--batch and --iterations must be >= 1 and --warmup >= 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        long loadStart = System.nanoTime();
        try (Model model = Model.load(modelFile); Session session = model.newSession(engine.sessionOptions())) {
            double loadMs = (System.nanoTime() - loadStart) / 1e6;
            Map<String, Tensor> feeds = randomInputs(model);
            for (int i = 0; i < warmup; i++) {
                session.run(feeds);
            }
            double[] ms = new double[iterations];
            for (int i = 0; i < iterations; i++) {
                long t0 = System.nanoTime();
                session.run(feeds);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            out.printf(Locale.ROOT, "%s: threads %d, batch %d, %s kernels (%s)%n", modelFile.getFileName(),
                    session.options().threads(), batch, session.options().vector() ? "vector" : "scalar",
                    VectorSupport.reason());
            out.printf(Locale.ROOT, "load %.1f ms; latency median %.3f ms, p90 %.3f ms, min %.3f ms over %d runs%n",
                    loadMs, percentile(ms, 0.5), percentile(ms, 0.9), ms[0], iterations);
        }
        return ExitCodes.OK;
    }

    private Map<String, Tensor> randomInputs(Model model) {
        Random rnd = new Random(42);
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        for (ValueInfo in : model.inputs()) {
            Shape s = in.shape();
            for (int d = 0; d < s.rank(); d++) {
                if (s.dim(d) == Shape.DYNAMIC) {
                    s = s.withDim(d, d == 0 ? batch : 1);
                }
            }
            float[] v = new float[Math.toIntExact(s.elementCount())];
            for (int i = 0; i < v.length; i++) {
                v[i] = rnd.nextFloat() * 2 - 1;
            }
            feeds.put(in.name(), Tensor.ofFloats(s, v));
        }
        return feeds;
    }

    static double percentile(double[] sorted, double p) {
        int idx = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }
}
