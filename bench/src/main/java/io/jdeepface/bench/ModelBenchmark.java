package io.jdeepface.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import io.jdeepface.engine.exec.Model;
import io.jdeepface.engine.exec.Session;
import io.jdeepface.engine.exec.SessionOptions;
import io.jdeepface.engine.simd.VectorSupport;
import io.jdeepface.engine.tensor.Shape;
import io.jdeepface.engine.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One inference of each model on our engine ({@code ours}) and on ONNX Runtime ({@code ort}) in the
 * same JMH run: same input (uniform random, fixed seed), same intra-op thread count, ORT with every
 * graph optimisation and one inter-op thread. Ours writes its outputs into heap tensors allocated
 * once in {@link #setup} ({@link Session#run(Map, Map)}, as a server or video loop would), so its
 * allocation per call is the engine's own steady state; ORT allocates its result tensors every call,
 * as its Java API must. {@link #setup} runs both once and fails the benchmark when their outputs
 * disagree, so a broken engine cannot produce a fast number.
 *
 * <p>Before {@code ours} is measured, {@link WarmUp} runs it until the JIT has compiled the vector
 * kernels (20-40 s on a busy 2-core machine); JMH's own warm-up is then short.
 *
 * <p>{@code model} is a model name, optionally {@code name:batch} for a batch larger than 1. When
 * the ONNX file fixes the batch to 1 (fr_feature does; our converter makes it dynamic), ORT runs
 * the batch as that many batch-1 calls: the same work, as an ORT user would have to do it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
public class ModelBenchmark {
    /** The largest |ours - ORT| allowed, relative to the largest |output| (at least 1). */
    static final double TOLERANCE = 2e-3;

    @Param({"fr_detect", "fr_feature", "fr_feature:8", "fr_liveness", "fr_landmark", "fr_expression", "blazeface-back"})
    public String model;

    @Param({"1", "2"})
    public int threads;

    private Model ours;
    private Session session;
    private Map<String, Tensor> feed;
    /** Our outputs, allocated once: each run writes into them. */
    private Map<String, Tensor> outputs;
    private OrtEnvironment env;
    private OrtSession ort;
    /** One feed per ORT call of an operation: one, or one per image when ORT's batch is fixed to 1. */
    private List<Map<String, OnnxTensor>> ortFeeds;

    @Setup(Level.Trial)
    public void setup(BenchmarkParams params) throws Exception {
        String[] parts = model.split(":");
        String name = parts[0];
        int batch = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
        ours = Model.load(BenchModels.jdm(name));
        session = ours.newSession(new SessionOptions(threads, VectorSupport.enabled()));
        if (ours.inputs().size() != 1) {
            throw new IllegalStateException(name + " has " + ours.inputs().size() + " inputs; the benchmark feeds one");
        }
        String input = ours.inputs().get(0).name();
        long[] shape = ours.inputs().get(0).shape().dims();
        if (shape[0] != Shape.DYNAMIC && shape[0] != batch) {
            throw new IllegalStateException(name + " has a fixed batch of " + shape[0] + ", cannot run batch " + batch);
        }
        shape[0] = batch;
        float[] x = BenchModels.randomInput(Math.toIntExact(new Shape(shape).elementCount()), 42);
        feed = Map.of(input, Tensor.ofFloats(new Shape(shape), x));

        env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        opts.setIntraOpNumThreads(threads);
        opts.setInterOpNumThreads(1);
        opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        opts.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        ort = env.createSession(BenchModels.onnx(name).toString(), opts);
        String ortInput = ort.getInputNames().iterator().next();
        long ortBatch = ((ai.onnxruntime.TensorInfo) ort.getInputInfo().get(ortInput).getInfo()).getShape()[0];
        ortFeeds = new ArrayList<>();
        if (ortBatch == 1 && batch > 1) {
            long[] one = shape.clone();
            one[0] = 1;
            int per = x.length / batch;
            for (int b = 0; b < batch; b++) {
                ortFeeds.add(Map.of(ortInput, OnnxTensor.createTensor(env, FloatBuffer.wrap(x, b * per, per).slice(), one)));
            }
        } else {
            ortFeeds.add(Map.of(ortInput, OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape)));
        }

        checkAgreement(name);
        if (params.getBenchmark().endsWith(".ours")) {
            WarmUp.untilSteady(model + ", " + threads + " thread(s)", () -> {
                session.run(feed, outputs);
                return outputs;
            });
        }
    }

    /** Runs both engines once and throws when any output differs by more than {@link #TOLERANCE}. */
    private void checkAgreement(String name) throws OrtException {
        // The outputs are checked as the benchmark produces them: written into zeroed tensors.
        outputs = new LinkedHashMap<>();
        session.run(feed).forEach((k, t) -> outputs.put(k, Tensor.zeros(t.shape())));
        session.run(feed, outputs);
        Map<String, Tensor> mine = outputs;
        Map<String, float[]> theirs = runOrt();
        if (mine.size() != theirs.size()) {
            throw new IllegalStateException(name + ": we give " + mine.size() + " outputs, ORT " + theirs.size());
        }
        List<String> ourNames = new ArrayList<>(mine.keySet());
        List<String> ortNames = new ArrayList<>(theirs.keySet());
        for (int o = 0; o < ourNames.size(); o++) {
            // Same names when the converter kept them; otherwise both follow the graph's output order.
            String ortName = theirs.containsKey(ourNames.get(o)) ? ourNames.get(o) : ortNames.get(o);
            float[] a = mine.get(ourNames.get(o)).toFloatArray();
            float[] b = theirs.get(ortName);
            if (a.length != b.length) {
                throw new IllegalStateException(name + " output " + o + ": " + a.length + " values, ORT " + b.length);
            }
            double maxAbs = 1, maxDiff = 0;
            for (int i = 0; i < a.length; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(b[i]));
                maxDiff = Math.max(maxDiff, Math.abs((double) a[i] - b[i]));
            }
            if (!(maxDiff <= TOLERANCE * maxAbs)) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "%s output %d disagrees with ONNX Runtime: max |diff| %.3g > %.3g", name, o, maxDiff, TOLERANCE * maxAbs));
            }
        }
    }

    /** ORT's outputs by name in graph order (batch-1 calls concatenated), as float arrays like ours. */
    private Map<String, float[]> runOrt() throws OrtException {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map<String, OnnxTensor> feed : ortFeeds) {
            try (OrtSession.Result r = ort.run(feed)) {
                for (Map.Entry<String, OnnxValue> e : r) {
                    FloatBuffer fb = ((OnnxTensor) e.getValue()).getFloatBuffer();
                    float[] before = out.getOrDefault(e.getKey(), new float[0]);
                    float[] v = java.util.Arrays.copyOf(before, before.length + fb.remaining());
                    fb.get(v, before.length, fb.remaining());
                    out.put(e.getKey(), v);
                }
            }
        }
        return out;
    }

    @Benchmark
    public Map<String, Tensor> ours() {
        session.run(feed, outputs);
        return outputs;
    }

    @Benchmark
    public void ort(Blackhole bh) throws OrtException {
        for (int i = 0; i < ortFeeds.size(); i++) {
            try (OrtSession.Result r = ort.run(ortFeeds.get(i))) {
                for (Map.Entry<String, OnnxValue> e : r) {
                    bh.consume(((OnnxTensor) e.getValue()).getFloatBuffer());
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        session.close();
        ours.close();
        for (Map<String, OnnxTensor> feed : ortFeeds) {
            feed.values().forEach(OnnxTensor::close);
        }
        ort.close();
    }
}
