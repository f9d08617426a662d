package io.jdeepface.engine.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Running into caller-owned output tensors, re-planning on a new batch size, and the per-node profile. */
class SessionTest {
    /** x [N,3,9,9] -> Conv 3x3 s2 (4 channels, Relu) -> y; and Softmax over the channels -> z. */
    private static Model model() {
        Random rnd = new Random(3);
        float[] w = new float[4 * 3 * 9];
        float[] b = new float[4];
        for (int i = 0; i < w.length; i++) {
            w[i] = rnd.nextFloat() - 0.5f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = rnd.nextFloat() - 0.5f;
        }
        Map<String, Initializer> inits = new HashMap<>();
        inits.put("w", Initializer.ofFloats("w", Shape.of(4, 3, 3, 3), w));
        inits.put("b", Initializer.ofFloats("b", Shape.of(4), b));
        List<Node> nodes = List.of(
                new Node("conv", "Conv", List.of("x", "w", "b"), List.of("y"), Map.of(
                        "strides", new Attribute.Ints(new long[] {2, 2}),
                        "pads", new Attribute.Ints(new long[] {1, 1, 1, 1}),
                        "activation", new Attribute.Str("Relu"))),
                new Node("softmax", "Softmax", List.of("y"), List.of("z"), Map.of("axis", new Attribute.Int(1))));
        Graph g = new Graph("small", List.of(new ValueInfo("x", DataType.FLOAT32, Shape.of(Shape.DYNAMIC, 3, 9, 9))),
                List.of(new ValueInfo("y", DataType.FLOAT32, Shape.of(Shape.DYNAMIC, 4, 5, 5)),
                        new ValueInfo("z", DataType.FLOAT32, Shape.of(Shape.DYNAMIC, 4, 5, 5))),
                nodes, inits, Map.of());
        return Model.of(g);
    }

    private static Tensor input(int batch, long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[batch * 243];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextFloat() * 2 - 1;
        }
        return Tensor.ofFloats(Shape.of(batch, 3, 9, 9), x);
    }

    @Test
    void runIntoCallerTensorsGivesTheSameValues() {
        Model m = model();
        for (boolean vector : VectorSupport.enabled() ? new boolean[] {false, true} : new boolean[] {false}) {
            try (Session s = m.newSession(new SessionOptions(2, vector))) {
                Map<String, Tensor> outs = Map.of("y", Tensor.zeros(Shape.of(1, 4, 5, 5)),
                        "z", Tensor.zeros(Shape.of(1, 4, 5, 5)));
                for (long seed = 1; seed <= 3; seed++) { // the same output tensors, reused
                    Map<String, Tensor> in = Map.of("x", input(1, seed));
                    Map<String, Tensor> fresh = s.run(in);
                    s.run(in, outs);
                    for (String name : List.of("y", "z")) {
                        assertArrayEquals(fresh.get(name).toFloatArray(), outs.get(name).toFloatArray(), name);
                    }
                }
                // a new batch size re-plans; the caller's tensors must then have the new shape
                Map<String, Tensor> in3 = Map.of("x", input(3, 9));
                Map<String, Tensor> outs3 = Map.of("y", Tensor.zeros(Shape.of(3, 4, 5, 5)),
                        "z", Tensor.zeros(Shape.of(3, 4, 5, 5)));
                s.run(in3, outs3);
                assertArrayEquals(s.run(in3).get("z").toFloatArray(), outs3.get("z").toFloatArray());
                assertThrows(IllegalArgumentException.class, () -> s.run(in3, outs));
            }
        }
    }

    @Test
    void rejectsMissingOrMisshapenOutputTensors() {
        try (Session s = model().newSession(new SessionOptions(1, false))) {
            Map<String, Tensor> in = Map.of("x", input(1, 1));
            Tensor y = Tensor.zeros(Shape.of(1, 4, 5, 5));
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> s.run(in, Map.of("y", y)));
            assertTrue(missing.getMessage().contains("'z'"), missing.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> s.run(in, Map.of("y", y, "z", Tensor.zeros(Shape.of(1, 4, 25)))));
            assertThrows(IllegalArgumentException.class,
                    () -> s.run(Map.of("x", input(1, 1), "extra", input(1, 2)), Map.of("y", y, "z", y)));
        }
    }

    @Test
    void profileTimesEveryNodeInOrder() {
        try (Session s = model().newSession(new SessionOptions(1, false))) {
            List<Session.NodeTime> times = s.profile(Map.of("x", input(1, 1)), 3);
            assertEquals(List.of("conv", "softmax"), times.stream().map(Session.NodeTime::node).toList());
            for (Session.NodeTime t : times) {
                assertTrue(t.nanos() >= t.minNanos() && t.minNanos() >= 0, t.toString());
            }
            assertThrows(IllegalArgumentException.class, () -> s.profile(Map.of("x", input(1, 1)), 0));
        }
    }
}
