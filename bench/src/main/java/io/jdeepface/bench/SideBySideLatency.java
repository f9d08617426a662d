package io.jdeepface.bench;

import io.jdeepface.converter.ModelConverter;
import io.jdeepface.engine.exec.Model;
import io.jdeepface.engine.exec.Session;
import io.jdeepface.engine.exec.SessionOptions;
import io.jdeepface.engine.simd.VectorSupport;
import io.jdeepface.engine.tensor.Shape;
import io.jdeepface.engine.tensor.Tensor;
import io.jdeepface.testdata.OrtReference;
import io.jdeepface.testdata.TestPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A quick side-by-side latency table: each ONNX model on our engine and on ONNX Runtime (all graph
 * optimisations on), same input, same thread count, alternating rounds so that machine noise hits
 * both. Median and p90 after warm-up. The JMH benchmarks are the rigorous version; this is the
 * one-minute check. Usage: SideBySideLatency [iterations] [model ...]
 */
public final class SideBySideLatency {
    private static final Map<String, String> MODELS = new LinkedHashMap<>();

    static {
        for (String m : new String[] {"fr_detect", "fr_feature", "fr_liveness", "fr_landmark", "fr_expression",
            "fr_age", "fr_gender", "fr_pose", "fr_eye"}) {
            MODELS.put(m, "faceplugin:model/" + m + ".onnx");
        }
        MODELS.put("blazeface-front", "blazeface:ONNX/face_detection_front_128x128_barracuda.onnx");
        MODELS.put("blazeface-back", "blazeface:ONNX/face_detection_back_256x256_barracuda.onnx");
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        var names = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : MODELS.keySet();
        Path dir = Files.createTempDirectory("sidebyside");
        System.out.printf(Locale.ROOT, "# %s, %s, %d cores, kernels: %s%n", Runtime.version(),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), VectorSupport.reason());
        System.out.println("| model | threads | ours median ms | ours p90 | ORT median ms | ORT p90 | ours/ORT |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String name : names) {
            String[] src = MODELS.get(name).split(":", 2);
            Path onnx = (src[0].equals("faceplugin") ? TestPackages.FACEPLUGIN : TestPackages.BLAZEFACE).file(src[1]);
            Path jdm = dir.resolve(name + ".jdm");
            ModelConverter.write(ModelConverter.convert(onnx), jdm);
            for (int threads : new int[] {1, 2}) {
                measure(name, onnx, jdm, threads, iterations);
            }
        }
    }

    private static void measure(String name, Path onnx, Path jdm, int threads, int iterations) throws Exception {
        try (Model model = Model.load(jdm); Session ours = model.newSession(new SessionOptions(threads, VectorSupport.enabled()));
             OrtReference ort = new OrtReference(onnx, threads)) {
            String input = model.inputs().get(0).name();
            long[] shape = model.inputs().get(0).shape().dims();
            shape[0] = 1;
            float[] x = new float[Math.toIntExact(new Shape(shape).elementCount())];
            Random rnd = new Random(1);
            for (int i = 0; i < x.length; i++) {
                x[i] = rnd.nextFloat() * 2 - 1;
            }
            Map<String, Tensor> feed = Map.of(input, Tensor.ofFloats(new Shape(shape), x));
            Map<String, OrtReference.Value> ortFeed = Map.of(input, new OrtReference.Value(shape, x));
            long warmUntil = System.nanoTime() + 4_000_000_000L; // C2 needs seconds for the vector kernels
            while (System.nanoTime() < warmUntil) {
                ours.run(feed);
                ort.run(ortFeed);
            }
            double[] a = new double[iterations];
            double[] b = new double[iterations];
            for (int i = 0; i < iterations; i++) {
                long t0 = System.nanoTime();
                ours.run(feed);
                long t1 = System.nanoTime();
                ort.run(ortFeed);
                long t2 = System.nanoTime();
                a[i] = (t1 - t0) / 1e6;
                b[i] = (t2 - t1) / 1e6;
            }
            Arrays.sort(a);
            Arrays.sort(b);
            System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f |%n", name, threads,
                    pct(a, .5), pct(a, .9), pct(b, .5), pct(b, .9), pct(a, .5) / pct(b, .5));
        }
    }

    private static double pct(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p * sorted.length) - 1))];
    }
}
