package io.jdeepface.engine.exec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.engine.graph.Attribute;
import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.simd.VectorSupport;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import io.jdeepface.engine.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Session#run(Map, Map)} with the Vector API kernels allocates nothing on the heap once the
 * JIT has compiled the kernels, at 1 and 2 threads: a server or video loop then makes no garbage.
 * The graph has each kind of loop the kernels split across threads (GEMM tiles, depthwise
 * planes, pooling rows, broadcast rows, pointwise grains, softmax lines, concat blocks), large
 * enough that at 2 threads every one of them is handed to the worker.
 *
 * <p>Until C2 compiles a Vector API method it allocates a box per vector, so the test runs until
 * a batch of runs allocates nothing (or a generous deadline passes) and asserts the last batch.
 */
class SteadyStateAllocationTest {
    private static final int RUNS_PER_BATCH = 200;
    private static final long DEADLINE_NANOS = 60_000_000_000L;

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void runIntoCallerTensorsAllocatesNothing(int threads) {
        Assumptions.assumeTrue(VectorSupport.enabled(), VectorSupport.reason());
        var bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean mx
                && mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counting is not available");
        var mx = (com.sun.management.ThreadMXBean) bean;

        Model model = Model.of(graph());
        Map<String, Tensor> in = Map.of("x", input());
        try (Session s = model.newSession(new SessionOptions(threads, true))) {
            Map<String, Tensor> outs = new HashMap<>();
            s.run(in).forEach((name, t) -> outs.put(name, Tensor.zeros(t.shape())));
            long perRun = Long.MAX_VALUE;
            long deadline = System.nanoTime() + DEADLINE_NANOS;
            while (perRun > 0 && System.nanoTime() < deadline) {
                long before = mx.getCurrentThreadAllocatedBytes();
                for (int r = 0; r < RUNS_PER_BATCH; r++) {
                    s.run(in, outs);
                }
                perRun = (mx.getCurrentThreadAllocatedBytes() - before) / RUNS_PER_BATCH;
            }
            assertTrue(perRun == 0, "steady-state run(inputs, outputs) at " + threads
                    + " threads still allocates " + perRun + " bytes per run");
        }
    }

    private static Tensor input() {
        Random rnd = new Random(5);
        float[] x = new float[3 * 40 * 40];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextFloat() * 2 - 1;
        }
        return Tensor.ofFloats(Shape.of(1, 3, 40, 40), x);
    }

    /**
     * x [1,3,40,40] → Conv 3×3 (16, Relu) → depthwise 3×3 (PRelu) → Conv 1×1 (32) → MaxPool 2×2 →
     * Mul per channel → Sigmoid → Concat with AveragePool of the same → GlobalAveragePool →
     * Reshape → Gemm (64→10) → Softmax.
     */
    private static Graph graph() {
        Random rnd = new Random(11);
        Map<String, Initializer> inits = new LinkedHashMap<>();
        List<Node> nodes = new ArrayList<>();
        constant(inits, rnd, "w1", 16, 3, 3, 3);
        constant(inits, rnd, "b1", 16);
        nodes.add(new Node("conv", "Conv", List.of("x", "w1", "b1"), List.of("c1"), Map.of(
                "kernel_shape", new Attribute.Ints(new long[] {3, 3}),
                "pads", new Attribute.Ints(new long[] {1, 1, 1, 1}),
                "activation", new Attribute.Str("Relu"))));
        constant(inits, rnd, "wd", 16, 1, 3, 3);
        constant(inits, rnd, "bd", 16);
        nodes.add(new Node("depthwise", "Conv", List.of("c1", "wd", "bd"), List.of("d1"), Map.of(
                "kernel_shape", new Attribute.Ints(new long[] {3, 3}),
                "pads", new Attribute.Ints(new long[] {1, 1, 1, 1}),
                "group", new Attribute.Int(16))));
        constant(inits, rnd, "slope", 16, 1, 1);
        nodes.add(new Node("prelu", "PRelu", List.of("d1", "slope"), List.of("p1"), Map.of()));
        constant(inits, rnd, "w2", 32, 16, 1, 1);
        constant(inits, rnd, "b2", 32);
        nodes.add(new Node("pointwise", "Conv", List.of("p1", "w2", "b2"), List.of("c2"), Map.of()));
        Map<String, Attribute> pool = Map.of("kernel_shape", new Attribute.Ints(new long[] {2, 2}),
                "strides", new Attribute.Ints(new long[] {2, 2}));
        nodes.add(new Node("maxpool", "MaxPool", List.of("c2"), List.of("m1"), pool));
        constant(inits, rnd, "scale", 32, 1, 1);
        nodes.add(new Node("scale", "Mul", List.of("m1", "scale"), List.of("s1"), Map.of()));
        nodes.add(new Node("sigmoid", "Sigmoid", List.of("s1"), List.of("g1"), Map.of()));
        nodes.add(new Node("avgpool", "AveragePool", List.of("c2"), List.of("a1"), pool));
        nodes.add(new Node("concat", "Concat", List.of("g1", "a1"), List.of("k1"),
                Map.of("axis", new Attribute.Int(1))));
        nodes.add(new Node("gap", "GlobalAveragePool", List.of("k1"), List.of("v1"), Map.of()));
        inits.put("flat", Initializer.ofLongs("flat", Shape.of(2), new long[] {1, 64}));
        nodes.add(new Node("flatten", "Reshape", List.of("v1", "flat"), List.of("f1"), Map.of()));
        constant(inits, rnd, "wf", 10, 64);
        constant(inits, rnd, "bf", 10);
        nodes.add(new Node("fc", "Gemm", List.of("f1", "wf", "bf"), List.of("logits"),
                Map.of("transB", new Attribute.Int(1))));
        nodes.add(new Node("softmax", "Softmax", List.of("logits"), List.of("probs"),
                Map.of("axis", new Attribute.Int(1))));
        return new Graph("allocation", List.of(new ValueInfo("x", DataType.FLOAT32, Shape.of(1, 3, 40, 40))),
                List.of(new ValueInfo("probs", DataType.FLOAT32, Shape.of(1, 10)),
                        new ValueInfo("k1", DataType.FLOAT32, Shape.of(1, 64, 20, 20))),
                nodes, inits, Map.of());
    }

    private static void constant(Map<String, Initializer> inits, Random rnd, String name, long... dims) {
        float[] v = new float[Math.toIntExact(Shape.of(dims).elementCount())];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextFloat() - 0.5f;
        }
        inits.put(name, Initializer.ofFloats(name, Shape.of(dims), v));
    }
}
