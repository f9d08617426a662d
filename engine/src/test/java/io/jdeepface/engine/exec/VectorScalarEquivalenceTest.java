package io.jdeepface.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Assumptions;

/**
 * Random small graphs of supported operators give the same results with the Vector API kernels
 * as with the scalar reference kernels, at 1 and 2 threads, and the same at batch 1 and 3.
 */
class VectorScalarEquivalenceTest {

    @Property(tries = 60)
    void randomGraphsAgree(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        Assumptions.assumeTrue(VectorSupport.enabled(), VectorSupport.reason());
        Random rnd = new Random(seed);
        int batch = 1 + rnd.nextInt(3);
        long[] shape = {batch, 1 + rnd.nextInt(17), 1 + rnd.nextInt(20), 1 + rnd.nextInt(20)};
        Graph g = new RandomGraph(rnd, shape).build(2 + rnd.nextInt(6));
        float[] x = new float[Math.toIntExact(new Shape(shape).elementCount())];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextFloat() * 4 - 2;
        }
        Map<String, Tensor> in = Map.of("x", Tensor.ofFloats(new Shape(shape), x));
        Model model = Model.of(g);
        Map<String, Tensor> ref;
        try (Session s = model.newSession(new SessionOptions(1, false))) {
            ref = s.run(in);
        }
        for (int threads : new int[] {1, 2}) {
            try (Session s = model.newSession(new SessionOptions(threads, true))) {
                Map<String, Tensor> out = s.run(in);
                for (String name : ref.keySet()) {
                    float[] a = ref.get(name).toFloatArray();
                    float[] b = out.get(name).toFloatArray();
                    assertEquals(ref.get(name).shape(), out.get(name).shape());
                    for (int i = 0; i < a.length; i++) {
                        double err = Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(a[i]));
                        assertTrue(err <= 1e-4, "seed " + seed + " graph " + g.opCounts() + " element " + i
                                + ": scalar " + a[i] + " vector " + b[i]);
                    }
                }
            }
        }
    }

    /** Builds a chain of random ops on an NCHW tensor, tracking its shape. */
    private static final class RandomGraph {
        private final Random rnd;
        private long[] shape;
        private String current = "x";
        private final List<Node> nodes = new ArrayList<>();
        private final Map<String, Initializer> inits = new LinkedHashMap<>();
        private final List<ValueInfo> inputs;
        private int counter;

        RandomGraph(Random rnd, long[] inputShape) {
            this.rnd = rnd;
            this.shape = inputShape.clone();
            long[] dyn = inputShape.clone();
            dyn[0] = Shape.DYNAMIC;
            inputs = List.of(new ValueInfo("x", DataType.FLOAT32, new Shape(dyn)));
        }

        Graph build(int ops) {
            for (int i = 0; i < ops; i++) {
                switch (rnd.nextInt(8)) {
                    case 0, 1 -> conv();
                    case 2 -> unary(rnd.nextBoolean() ? "Relu" : "Sigmoid");
                    case 3 -> perChannel(rnd.nextBoolean() ? "Add" : "Mul");
                    case 4 -> pool(rnd.nextBoolean() ? "MaxPool" : "AveragePool");
                    case 5 -> unary("Tanh");
                    case 6 -> softmax();
                    default -> concatWithSelf();
                }
            }
            if (nodes.isEmpty()) {
                unary("Relu"); // every random op was skipped: still compute something
            }
            long[] outShape = shape.clone();
            outShape[0] = Shape.DYNAMIC;
            return new Graph("random", inputs, List.of(new ValueInfo(current, DataType.FLOAT32, new Shape(outShape))),
                    nodes, inits, Map.of());
        }

        private String next() {
            return "v" + counter++;
        }

        private void add(String op, List<String> ins, Map<String, Attribute> attrs, long[] newShape) {
            String out = next();
            nodes.add(new Node("n" + nodes.size(), op, ins, List.of(out), attrs));
            current = out;
            shape = newShape;
        }

        private String constant(long[] dims) {
            int n = Math.toIntExact(new Shape(dims).elementCount());
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = rnd.nextFloat() - 0.5f;
            }
            String name = "c" + counter++;
            inits.put(name, Initializer.ofFloats(name, new Shape(dims), v));
            return name;
        }

        private void conv() {
            long c = shape[1];
            boolean depthwise = c > 1 && rnd.nextInt(3) == 0;
            int k = new int[] {1, 3, 5}[rnd.nextInt(3)];
            int stride = 1 + rnd.nextInt(2);
            int pad = rnd.nextInt(k / 2 + 1);
            long outC = depthwise ? c : 1 + rnd.nextInt(20);
            long group = depthwise ? c : 1;
            if (shape[2] + 2L * pad < k || shape[3] + 2L * pad < k) {
                return; // the window would not fit
            }
            long oh = (shape[2] + 2L * pad - k) / stride + 1;
            long ow = (shape[3] + 2L * pad - k) / stride + 1;
            String w = constant(new long[] {outC, c / group, k, k});
            String b = constant(new long[] {outC});
            Map<String, Attribute> attrs = new HashMap<>(Map.of(
                    "kernel_shape", new Attribute.Ints(new long[] {k, k}),
                    "strides", new Attribute.Ints(new long[] {stride, stride}),
                    "pads", new Attribute.Ints(new long[] {pad, pad, pad, pad}),
                    "group", new Attribute.Int(group)));
            if (rnd.nextBoolean()) {
                attrs.put("activation", new Attribute.Str("Relu"));
            }
            add("Conv", List.of(current, w, b), attrs, new long[] {shape[0], outC, oh, ow});
        }

        private void unary(String op) {
            add(op, List.of(current), Map.of(), shape);
        }

        private void perChannel(String op) {
            add(op, List.of(current, constant(new long[] {shape[1], 1, 1})), Map.of(), shape);
        }

        private void pool(String op) {
            int k = 2 + rnd.nextInt(2);
            int s = 1 + rnd.nextInt(2);
            long oh = (shape[2] - k) / s + 1;
            long ow = (shape[3] - k) / s + 1;
            if (shape[2] < k || shape[3] < k) {
                return;
            }
            add(op, List.of(current), Map.of("kernel_shape", new Attribute.Ints(new long[] {k, k}),
                    "strides", new Attribute.Ints(new long[] {s, s})), new long[] {shape[0], shape[1], oh, ow});
        }

        private void softmax() {
            add("Softmax", List.of(current), Map.of("axis", new Attribute.Int(1)), shape);
        }

        private void concatWithSelf() {
            long[] s = shape.clone();
            s[1] *= 2;
            add("Concat", List.of(current, current), Map.of("axis", new Attribute.Int(1)), s);
        }
    }
}
