package io.jdeepface.bench;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.exec.ThreadPoolParallel;
import io.jdeepface.engine.graph.Attribute;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelSpec;
import io.jdeepface.engine.ops.OpRegistry;
import io.jdeepface.engine.simd.VectorSupport;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * The engine's Conv and MatMul kernels alone, on real layer shapes ({@link KernelShapes}), through
 * their public entry point {@link OpRegistry#create}: a one-node graph's kernel run on buffers
 * allocated once, exactly as a session runs it. The results formatter turns the median time into
 * GFLOPS with {@link KernelShapes.Layer#flops()}. {@link #setup} checks the kernel against the
 * engine's scalar reference kernel, so a wrong kernel fails instead of looking fast, then
 * {@link WarmUp} runs it until the JIT has compiled it. {@code run-benchmarks.sh} runs every layer on
 * 1 thread and only {@link #TWO_THREAD_LAYERS} on 2, to keep the full run near 15 minutes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class KernelBenchmark {
    @Param({"fr_feature.Conv_4", "fr_feature.Conv_74", "fr_detect.Conv_4", "fr_detect.Conv_0",
        "fr_expression.Conv_0", "fr_expression.Conv_8", "matmul.3136x64x128", "matmul.3136x1152x32"})
    public String layer;

    @Param({"1", "2"})
    public int threads;

    /** The layers {@code run-benchmarks.sh} also runs on 2 threads: a 1x1, a strided 3x3 and a 3x3 conv. */
    public static final String TWO_THREAD_LAYERS = "fr_feature.Conv_4,fr_detect.Conv_0,fr_expression.Conv_8";

    private Arena arena;
    private Kernel kernel;
    private MemorySegment[] inputs;
    private MemorySegment[] outputs;
    private Parallel parallel;
    private ThreadPoolParallel pool;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        arena = Arena.ofShared();
        OneNode n = build(KernelShapes.LAYERS.get(layer));
        kernel = OpRegistry.create(n.spec(VectorSupport.enabled()));
        inputs = n.inputs();
        outputs = new MemorySegment[] {arena.allocate(n.outputBytes(), 64)};
        pool = threads > 1 ? new ThreadPoolParallel(threads) : null;
        parallel = pool != null ? pool : Parallel.SEQUENTIAL;

        kernel.run(inputs, outputs, parallel);
        MemorySegment expected = arena.allocate(n.outputBytes(), 64);
        OpRegistry.create(n.spec(false)).run(inputs, new MemorySegment[] {expected}, Parallel.SEQUENTIAL);
        compare(outputs[0], expected);
        WarmUp.untilSteady(layer + ", " + threads + " thread(s)", this::run);
    }

    @Benchmark
    public MemorySegment run() {
        kernel.run(inputs, outputs, parallel);
        return outputs[0];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (pool != null) {
            pool.close();
        }
        arena.close();
    }

    /** A one-node graph: the node, its input shapes and constants, and input buffers with fixed-seed values. */
    private record OneNode(Node node, List<ValueInfo> in, ValueInfo out, Map<String, Initializer> constants,
                           MemorySegment[] inputs) {
        KernelSpec spec(boolean vector) {
            return new KernelSpec(node, in, List.of(out), constants, vector);
        }

        long outputBytes() {
            return out.shape().elementCount() * Float.BYTES;
        }
    }

    private OneNode build(KernelShapes.Layer layer) {
        List<String> names = new ArrayList<>();
        List<ValueInfo> infos = new ArrayList<>();
        Map<String, Initializer> constants = new HashMap<>();
        List<MemorySegment> segments = new ArrayList<>();
        Map<String, Attribute> attrs = new HashMap<>();
        Shape outShape;
        String op;
        switch (layer) {
            case KernelShapes.ConvShape c -> {
                op = "Conv";
                input(names, infos, segments, "x", Shape.of(1, c.c(), c.h(), c.w()));
                constant(names, infos, constants, segments, "w", Shape.of(c.oc(), c.c(), c.k(), c.k()), 1f / (c.c() * c.k() * c.k()));
                constant(names, infos, constants, segments, "b", Shape.of(c.oc()), 0.1f);
                attrs.put("kernel_shape", new Attribute.Ints(new long[] {c.k(), c.k()}));
                attrs.put("strides", new Attribute.Ints(new long[] {c.stride(), c.stride()}));
                attrs.put("pads", new Attribute.Ints(new long[] {c.pad(), c.pad(), c.pad(), c.pad()}));
                attrs.put("dilations", new Attribute.Ints(new long[] {1, 1}));
                attrs.put("group", new Attribute.Int(1));
                if (!c.activation().isEmpty()) {
                    attrs.put("activation", new Attribute.Str(c.activation()));
                }
                if (c.activation().equals("PRelu")) {
                    constant(names, infos, constants, segments, "slope", Shape.of(c.oc()), 0.25f);
                }
                outShape = Shape.of(1, c.oc(), c.outH(), c.outW());
            }
            case KernelShapes.MatMulShape m -> {
                op = "MatMul";
                input(names, infos, segments, "a", Shape.of(m.m(), m.k()));
                constant(names, infos, constants, segments, "b", Shape.of(m.k(), m.n()), 1f / m.k());
                outShape = Shape.of(m.m(), m.n());
            }
        }
        Node node = new Node(layer + "", op, names, List.of("y"), attrs);
        return new OneNode(node, infos, new ValueInfo("y", DataType.FLOAT32, outShape), constants,
                segments.toArray(MemorySegment[]::new));
    }

    private void input(List<String> names, List<ValueInfo> infos, List<MemorySegment> segments, String name, Shape shape) {
        names.add(name);
        infos.add(new ValueInfo(name, DataType.FLOAT32, shape));
        segments.add(segmentOf(BenchModels.randomInput(Math.toIntExact(shape.elementCount()), 7)));
    }

    private void constant(List<String> names, List<ValueInfo> infos, Map<String, Initializer> constants,
                          List<MemorySegment> segments, String name, Shape shape, float scale) {
        float[] v = BenchModels.randomInput(Math.toIntExact(shape.elementCount()), name.hashCode());
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        Initializer init = Initializer.ofFloats(name, shape, v);
        names.add(name);
        infos.add(new ValueInfo(name, DataType.FLOAT32, shape));
        constants.put(name, init);
        segments.add(init.data());
    }

    private MemorySegment segmentOf(float[] values) {
        MemorySegment s = arena.allocate((long) values.length * Float.BYTES, 64);
        MemorySegment.copy(values, 0, s, ValueLayout.JAVA_FLOAT, 0, values.length);
        return s;
    }

    private void compare(MemorySegment actual, MemorySegment expected) {
        long n = expected.byteSize() / Float.BYTES;
        double maxAbs = 1e-6, maxDiff = 0;
        for (long i = 0; i < n; i++) {
            float e = expected.getAtIndex(ValueLayout.JAVA_FLOAT, i);
            float a = actual.getAtIndex(ValueLayout.JAVA_FLOAT, i);
            maxAbs = Math.max(maxAbs, Math.abs(e));
            maxDiff = Math.max(maxDiff, Math.abs((double) a - e));
        }
        if (!(maxDiff <= 1e-4 * maxAbs)) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "%s kernel disagrees with the scalar reference: max |diff| %.3g of max |value| %.3g", layer, maxDiff, maxAbs));
        }
    }
}
