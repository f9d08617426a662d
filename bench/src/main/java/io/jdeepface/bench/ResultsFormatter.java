package io.jdeepface.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdeepface.engine.exec.Model;
import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.ShapeInference;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.simd.VectorSupport;
import io.jdeepface.engine.tensor.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes {@code bench/RESULTS.md} from a JMH JSON result file: the machine, each benchmark's median
 * and mean ± error, ours/ORT ratios, GFLOPS against the measured peak, the gc profiler's
 * allocation per operation, and whether each target is met. Run by {@code bench/run-benchmarks.sh};
 * it can be re-run on an old result file: {@code ResultsFormatter result.json RESULTS.md [note]}.
 */
public final class ResultsFormatter {
    static final double FIND_TARGET_MS = 100;
    static final double LOAD_TARGET_MS = 50;
    /** Allocation per inference (outputs written into reused tensors) that still counts as "about zero". */
    static final double ALLOCATION_SLACK_BYTES = 2048;

    /** One JMH result: benchmark class.method, parameters, primary and secondary metrics. */
    record Result(String benchmark, Map<String, String> params, String mode, Metric primary, Map<String, Metric> secondary) {
        String param(String name) {
            return params.getOrDefault(name, "");
        }

        Optional<Metric> secondary(String name) {
            return Optional.ofNullable(secondary.get(name));
        }
    }

    /** A score with its 99.9% error, unit and (for sample mode) median. */
    record Metric(double score, double error, String unit, double median) {}

    private ResultsFormatter() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 1 && args[0].equals("--two-thread-layers")) {
            System.out.println(KernelBenchmark.TWO_THREAD_LAYERS); // for run-benchmarks.sh
            return;
        }
        if (args.length < 2) {
            System.err.println("usage: ResultsFormatter jmh-result.json[,more.json...] RESULTS.md [note about the run]");
            System.exit(2);
        }
        List<Result> results = new ArrayList<>();
        for (String json : args[0].split(",")) {
            results.addAll(read(Path.of(json)));
        }
        String note = args.length > 2 ? args[2] : "";
        Files.writeString(Path.of(args[1]), format(results, note));
        System.out.println("wrote " + args[1] + " (" + results.size() + " results)");
    }

    @SuppressWarnings("unchecked")
    static List<Result> read(Path json) throws IOException {
        List<Result> out = new ArrayList<>();
        for (Object o : (List<Object>) new ObjectMapper().readValue(json.toFile(), Object.class)) {
            Map<String, Object> m = (Map<String, Object>) o;
            String full = (String) m.get("benchmark");
            String[] parts = full.split("\\.");
            String name = parts[parts.length - 2] + "." + parts[parts.length - 1];
            Map<String, String> params = new LinkedHashMap<>();
            if (m.get("params") instanceof Map<?, ?> p) {
                p.forEach((k, v) -> params.put((String) k, String.valueOf(v)));
            }
            Map<String, Metric> secondary = new HashMap<>();
            if (m.get("secondaryMetrics") instanceof Map<?, ?> sm) {
                sm.forEach((k, v) -> secondary.put(((String) k).replaceFirst("^[^a-zA-Z]+", ""), metric((Map<String, Object>) v)));
            }
            out.add(new Result(name, params, (String) m.get("mode"), metric((Map<String, Object>) m.get("primaryMetric")), secondary));
        }
        return out;
    }

    private static Metric metric(Map<String, Object> m) {
        double median = Double.NaN;
        if (m.get("scorePercentiles") instanceof Map<?, ?> p && p.get("50.0") instanceof Double d) {
            median = d;
        }
        return new Metric(number(m.get("score")), number(m.get("scoreError")), (String) m.get("scoreUnit"), median);
    }

    private static double number(Object o) {
        return o instanceof Double d ? d : Double.NaN;
    }

    static String format(List<Result> results, String note) {
        StringBuilder md = new StringBuilder();
        md.append("# jdeepface benchmarks\n\n");
        md.append("Regenerate with `bench/run-benchmarks.sh` (about 15 minutes; `--quick` for a smoke test). "
                + "All figures are JMH results: *median* of the sampled call times, *mean ± error* with JMH's 99.9% "
                + "confidence interval. Ratios below 1 mean jdeepface is faster than ONNX Runtime.\n\n");
        machine(md, note);
        targets(md, results);
        models(md, results);
        kernels(md, results);
        endToEnd(md, results);
        md.append("\n## Method\n\n");
        md.append("- `ModelBenchmark`: each ONNX model from its pinned npm package, and our conversion of it, fed the same "
                + "uniform random input (fixed seed); ONNX Runtime 1.22 (Java API) with the same intra-op thread count, "
                + "one inter-op thread, `OptLevel.ALL_OPT`. Ours runs `Session.run(inputs, outputs)` into output tensors "
                + "allocated once in setup (what a server or video loop does); ORT returns new result tensors every call, "
                + "as its Java API must. Setup fails the benchmark when the outputs differ by more than 2e-3 of their "
                + "largest magnitude.\n");
        md.append("- Warm-up: before `ours`, each kernel and each end-to-end call is run in setup in 1.5 s windows until two "
                + "windows in a row see no new JIT compilation, no median more than 3% faster than the best earlier window and "
                + "no fall in allocation per call (at least 4 s, at most 40 s; the JMH log prints how long each fork took), because the Vector API kernels run 10-100x "
                + "slower and allocate megabytes until C2 has compiled them. JMH's own warm-up iterations are then short.\n");
        md.append("- `KernelBenchmark`: one Conv or MatMul node built through `OpRegistry.create` and run on preallocated "
                + "buffers, checked against the engine's scalar reference in setup; every layer on 1 thread, three on 2 threads. "
                + "GFLOPS = 2 × multiply-adds / median time. "
                + "`PeakFlopsBenchmark`: 12 independent chains of vector FMAs (`FloatVector.SPECIES_PREFERRED`), no memory traffic.\n");
        md.append("- `FindBenchmark`: `EmbeddingMatrix.nearest` (what `EmbeddingStore.search` and `find` run) for the top 10 "
                + "by cosine among synthetic L2-normalised 512-value embeddings, fixed seed, a different query each call.\n");
        md.append("- `EndToEndBenchmark`: `DeepFace.verify` of two of the `@vladmandic/face-api` sample photos scaled to "
                + "about 1 MP (JPEG files, decoded every call; default options, so flip test-time augmentation embeds 4 crops "
                + "and the second photo is decoded and located on a side thread), 2-thread sessions; `represent` with two "
                + "callers on 1-thread sessions, the photo with the most faces, faces per second.\n");
        md.append("- `ModelLoadBenchmark`: `Model.load` (map, checksums, validation, default execution plan) of arcface-512, page cache warm.\n");
        md.append("- Allocation: JMH's gc profiler, `gc.alloc.rate.norm` (bytes per call, averaged over the measured "
                + "iterations). For `ours` the outputs are reused, so the target is met when a run allocates under "
                + (int) ALLOCATION_SLACK_BYTES + " B. The \"outputs B\" column is what `Session.run(inputs)` would add by "
                + "returning new tensors.\n");
        return md.toString();
    }

    private static void machine(StringBuilder md, String note) {
        md.append("## Machine\n\n| | |\n|---|---|\n");
        md.append("| CPU | ").append(cpuModel()).append(" |\n");
        md.append("| cores available to the JVM | ").append(Runtime.getRuntime().availableProcessors()).append(" |\n");
        md.append("| JDK | ").append(System.getProperty("java.vm.name")).append(' ').append(Runtime.version()).append(" |\n");
        md.append("| OS | ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(' ').append(System.getProperty("os.arch")).append(" |\n");
        md.append("| vector kernels | ").append(VectorSupport.reason()).append(", ")
                .append(PeakFlopsBenchmark.lanes()).append(" float lanes |\n");
        md.append("| date | ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append(" |\n");
        if (!note.isBlank()) {
            md.append("| run | ").append(note).append(" |\n");
        }
        md.append('\n');
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    // ---- targets ----

    private static void targets(StringBuilder md, List<Result> results) {
        md.append("## Targets\n\n| target | measured | met |\n|---|---|---|\n");
        find(results, "FindBenchmark.find", Map.of("rows", "1000000")).ifPresentOrElse(r -> row(md,
                "`find` top 10 of 1,000,000 embeddings ≤ " + (int) FIND_TARGET_MS + " ms", ms(r.primary().median()) + " ms median",
                r.primary().median() <= FIND_TARGET_MS), () -> row(md, "`find` top 10 of 1,000,000", "not run", null));
        find(results, "ModelLoadBenchmark.load", Map.of("model", "fr_feature")).ifPresentOrElse(r -> row(md,
                "load fr_feature (map + validate + plan) ≤ " + (int) LOAD_TARGET_MS + " ms", ms(r.primary().median()) + " ms median",
                r.primary().median() <= LOAD_TARGET_MS), () -> row(md, "load fr_feature", "not run", null));
        double worst = Double.NaN;
        String worstWhat = "";
        for (Result r : results) {
            if (r.benchmark().equals("ModelBenchmark.ours")) {
                double extra = allocation(r);
                if (!(extra <= worst)) {
                    worst = extra;
                    worstWhat = r.param("model") + ", " + r.param("threads") + " threads";
                }
            }
        }
        if (Double.isNaN(worst)) {
            row(md, "allocation per inference ≈ 0 B", "not run (gc profiler off, or no model benchmark)", null);
        } else {
            row(md, "allocation per inference ≈ 0 B (`Session.run` into reused output tensors)",
                    String.format(Locale.ROOT, "at most %,.0f B/op (%s)", worst, worstWhat),
                    worst <= ALLOCATION_SLACK_BYTES);
        }
        for (int t : new int[] {1, 2}) {
            List<Double> ratios = new ArrayList<>();
            for (Result r : results) {
                if (r.benchmark().equals("ModelBenchmark.ours") && r.param("threads").equals(t + "")) {
                    ortFor(results, r).ifPresent(o -> ratios.add(r.primary().median() / o.primary().median()));
                }
            }
            if (!ratios.isEmpty()) {
                double log = ratios.stream().mapToDouble(Math::log).sum() / ratios.size();
                row(md, "ours/ORT median latency, " + t + " thread" + (t > 1 ? "s" : "") + " (information)",
                        String.format(Locale.ROOT, "geometric mean %.2f over %d models, worst %.2f", Math.exp(log),
                                ratios.size(), ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow()), null);
            }
        }
        md.append('\n');
    }

    private static void row(StringBuilder md, String what, String measured, Boolean met) {
        md.append("| ").append(what).append(" | ").append(measured).append(" | ")
                .append(met == null ? "" : met ? "**yes**" : "**no**").append(" |\n");
    }

    // ---- models ----

    private static void models(StringBuilder md, List<Result> results) {
        List<Result> ours = results.stream().filter(r -> r.benchmark().equals("ModelBenchmark.ours")).toList();
        if (ours.isEmpty()) {
            return;
        }
        md.append("## Models: jdeepface vs ONNX Runtime\n\nLatency of one `run` in ms.\n\n");
        md.append("| model | batch | threads | ours median | ours mean ± err | ORT median | ORT mean ± err | ours/ORT | "
                + "ours alloc B/op | outputs B | ORT alloc B/op |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : ours) {
            String[] m = r.param("model").split(":");
            Optional<Result> o = ortFor(results, r);
            md.append("| ").append(m[0]).append(" | ").append(m.length > 1 ? m[1] : "1").append(" | ").append(r.param("threads"))
                    .append(" | ").append(ms(r.primary().median())).append(" | ").append(meanError(r.primary()))
                    .append(" | ").append(o.map(x -> ms(x.primary().median())).orElse("")).append(" | ")
                    .append(o.map(x -> meanError(x.primary())).orElse("")).append(" | ")
                    .append(o.map(x -> String.format(Locale.ROOT, "**%.2f**", r.primary().median() / x.primary().median())).orElse(""))
                    .append(" | ").append(bytes(allocation(r))).append(" | ").append(bytes(outputBytes(r.param("model"))))
                    .append(" | ").append(o.map(x -> bytes(allocation(x))).orElse("")).append(" |\n");
        }
        md.append('\n');
    }

    private static Optional<Result> ortFor(List<Result> results, Result ours) {
        return find(results, "ModelBenchmark.ort", ours.params());
    }

    private static double allocation(Result r) {
        return r.secondary("gc.alloc.rate.norm").map(Metric::score).orElse(Double.NaN);
    }

    private static final Map<String, Double> OUTPUT_BYTES = new HashMap<>();

    /** Bytes of all outputs of one run of a benchmark model ("name" or "name:batch"), from its converted file. */
    static double outputBytes(String benchmarkModel) {
        return OUTPUT_BYTES.computeIfAbsent(benchmarkModel, key -> {
            String[] m = key.split(":");
            long batch = m.length > 1 ? Long.parseLong(m[1]) : 1;
            try (Model model = Model.load(BenchModels.jdm(m[0]))) {
                Map<String, Shape> inputs = new HashMap<>();
                for (ValueInfo in : model.inputs()) {
                    long[] dims = in.shape().dims();
                    dims[0] = dims[0] == Shape.DYNAMIC ? batch : dims[0];
                    inputs.put(in.name(), new Shape(dims));
                }
                Graph g = ShapeInference.infer(model.graph(), inputs);
                double total = 0;
                for (ValueInfo out : g.outputs()) {
                    total += out.shape().elementCount() * (double) out.type().byteSize();
                }
                return total;
            } catch (IOException | RuntimeException e) {
                return Double.NaN;
            }
        });
    }

    // ---- kernels ----

    private static void kernels(StringBuilder md, List<Result> results) {
        Map<Integer, Double> peak = new HashMap<>();
        for (Result r : results) {
            if (r.benchmark().startsWith("PeakFlopsBenchmark.")) {
                int threads = r.benchmark().endsWith("oneThread") ? 1 : 2;
                peak.put(threads, r.primary().score() * 2 * PeakFlopsBenchmark.lanes() / 1e9);
            }
        }
        List<Result> kernels = results.stream().filter(r -> r.benchmark().equals("KernelBenchmark.run")).toList();
        if (peak.isEmpty() && kernels.isEmpty()) {
            return;
        }
        md.append("## Kernels\n\n");
        if (!peak.isEmpty()) {
            md.append("Measured peak (vector FMA loop): ");
            peak.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> md.append(String.format(Locale.ROOT,
                    "%.1f GFLOPS on %d thread%s; ", e.getValue(), e.getKey(), e.getKey() > 1 ? "s" : "")));
            md.setLength(md.length() - 2);
            md.append(".\n\n");
        }
        if (!kernels.isEmpty()) {
            md.append("| layer | shape | threads | median ms | mean ± err ms | GFLOPS (median) | % of threads × 1-thread peak |\n|---|---|---|---|---|---|---|\n");
            for (Result r : kernels) {
                KernelShapes.Layer layer = KernelShapes.LAYERS.get(r.param("layer"));
                int threads = Integer.parseInt(r.param("threads"));
                double gflops = layer.flops() / (r.primary().median() * 1e-3) / 1e9;
                Double p = peak.containsKey(1) ? threads * peak.get(1) : null;
                md.append("| ").append(r.param("layer")).append(" | ").append(describe(layer)).append(" | ").append(threads)
                        .append(" | ").append(ms(r.primary().median())).append(" | ").append(meanError(r.primary()))
                        .append(" | ").append(String.format(Locale.ROOT, "%.1f", gflops)).append(" | ")
                        .append(p == null ? "" : String.format(Locale.ROOT, "%.0f%%", 100 * gflops / p)).append(" |\n");
            }
        }
        md.append('\n');
    }

    private static String describe(KernelShapes.Layer layer) {
        return switch (layer) {
            case KernelShapes.ConvShape c -> String.format(Locale.ROOT, "%dx%dx%d → %dx%dx%d, %dx%d/%d%s", c.c(), c.h(), c.w(),
                    c.oc(), c.outH(), c.outW(), c.k(), c.k(), c.stride(), c.activation().isEmpty() ? "" : ", " + c.activation());
            case KernelShapes.MatMulShape m -> String.format(Locale.ROOT, "%dx%d · %dx%d", m.m(), m.k(), m.k(), m.n());
        };
    }

    // ---- end to end ----

    private static void endToEnd(StringBuilder md, List<Result> results) {
        List<String> rows = new ArrayList<>();
        find(results, "EndToEndBenchmark.verify", Map.of()).ifPresent(r -> rows.add("| `verify`, two ~1 MP photos, 2 threads | "
                + ms(r.primary().median()) + " ms median | " + meanError(r.primary()) + " ms | " + bytes(allocation(r)) + " |"));
        find(results, "EndToEndBenchmark.represent", Map.of()).ifPresent(r -> {
            Optional<Metric> faces = r.secondary("faces");
            rows.add("| `represent` throughput, 2 callers × 1 thread | " + faces.map(f -> String.format(Locale.ROOT,
                    "%.1f faces/s", f.score())).orElse("") + " | " + String.format(Locale.ROOT, "%.2f ± %.2f calls/s",
                    r.primary().score(), r.primary().error()).replace(" ± NaN", "") + (faces.map(f -> String.format(Locale.ROOT, ", %.1f ± %.1f faces/s",
                    f.score(), f.error()).replace(" ± NaN", "")).orElse("")) + " | " + bytes(allocation(r)) + " |");
        });
        for (Result r : results) {
            if (r.benchmark().equals("FindBenchmark.find")) {
                rows.add(String.format(Locale.ROOT, "| `find` top 10 of %,d embeddings (512 values) | %s ms median | %s ms | %s |",
                        Integer.parseInt(r.param("rows")), ms(r.primary().median()), meanError(r.primary()), bytes(allocation(r))));
            }
        }
        for (Result r : results) {
            if (r.benchmark().equals("ModelLoadBenchmark.load")) {
                rows.add("| load " + r.param("model") + " (`Model.load`: map + validate + plan) | " + ms(r.primary().median())
                        + " ms median | " + meanError(r.primary()) + " ms | " + bytes(allocation(r)) + " |");
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        md.append("## End to end\n\n| what | result | mean ± err | alloc B/op |\n|---|---|---|---|\n");
        rows.forEach(row -> md.append(row).append('\n'));
    }

    // ---- helpers ----

    private static Optional<Result> find(List<Result> results, String benchmark, Map<String, String> params) {
        return results.stream().filter(r -> r.benchmark().equals(benchmark)
                && params.entrySet().stream().allMatch(e -> e.getValue().equals(r.params().get(e.getKey())))).findFirst();
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "" : v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10
                ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String meanError(Metric m) {
        return Double.isNaN(m.error()) ? ms(m.score()) : ms(m.score()) + " ± " + ms(m.error());
    }

    private static String bytes(double b) {
        return Double.isNaN(b) ? "" : String.format(Locale.ROOT, "%,.0f", b);
    }
}
