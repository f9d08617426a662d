package io.jdeepface.converter.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.GraphValidator;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.tensor.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FoldBatchNormTest {

    private static TestGraph bnParams(TestGraph t, String prefix, long c) {
        return t.weights(prefix + "_scale", 0.5f, 2f, c).weights(prefix + "_bias", c)
                .weights(prefix + "_mean", c).weights(prefix + "_var", 0.1f, 3f, c);
    }

    private static Node bn(String in, String out, String prefix) {
        return new Node(out + "_node", "BatchNormalization",
                List.of(in, prefix + "_scale", prefix + "_bias", prefix + "_mean", prefix + "_var"),
                List.of(out), TestGraph.attributes("epsilon", 1e-3f));
    }

    private static Graph fold(Graph g) {
        Graph out = new PruneDead().apply(new FoldBatchNorm().apply(g));
        GraphValidator.validate(out);
        return out;
    }

    private static List<String> ops(Graph g) {
        return g.nodes().stream().map(Node::opType).toList();
    }

    @Test
    void foldsIntoConvWithBias() {
        TestGraph t = new TestGraph().input("x", 2, 3, 6, 5).weights("w", 4, 3, 3, 3).weights("b", 4)
                .node("Conv", List.of("x", "w", "b"), List.of("c"), "pads", new long[] {1, 0, 1, 2},
                        "strides", new long[] {2, 1});
        Graph g = bnParams(t, "bn", 4).add(bn("c", "y", "bn")).output("y").build();
        Graph s = fold(g);
        assertEquals(List.of("Conv"), ops(s));
        assertEquals(2, s.initializers().size());
        NaiveRunner.assertSameOutputs(g, s, Map.of("x", NaiveRunner.random(7, 2, 3, 6, 5)));
    }

    @Test
    void createsABiasForADepthwiseConvWithoutOne() {
        TestGraph t = new TestGraph().input("x", 1, 4, 5, 5).weights("w", 4, 1, 3, 3)
                .node("Conv", List.of("x", "w"), List.of("c"), "group", 4L, "dilations", new long[] {2, 1});
        Graph g = bnParams(t, "bn", 4).add(bn("c", "y", "bn")).output("y").build();
        Graph s = fold(g);
        assertEquals(List.of("Conv"), ops(s));
        assertEquals(3, s.nodes().get(0).inputs().size());
        assertEquals(Shape.of(4), s.initializers().get(s.nodes().get(0).input(2)).shape());
        NaiveRunner.assertSameOutputs(g, s, Map.of("x", NaiveRunner.random(8, 1, 4, 5, 5)));
    }

    @Test
    void convOutputReadElsewhereGivesMulAdd() {
        TestGraph t = new TestGraph().input("x", 1, 2, 4, 4).weights("w", 3, 2, 1, 1)
                .node("Conv", List.of("x", "w"), List.of("c"));
        Graph g = bnParams(t, "bn", 3).add(bn("c", "y", "bn")).node("Relu", "c", "r").output("y").output("r").build();
        Graph s = fold(g);
        assertEquals(List.of("Conv", "Mul", "Add", "Relu"), ops(s));
        assertEquals(Shape.of(3, 1, 1), s.initializers().get(s.nodes().get(1).input(1)).shape());
        NaiveRunner.assertSameOutputs(g, s, Map.of("x", NaiveRunner.random(9, 1, 2, 4, 4)));
    }

    @Test
    void loneBatchNormOn2dInputUsesPerChannelVectors() {
        // BatchNorm1d after a MatMul, as in fr_liveness
        TestGraph t = new TestGraph().input("x", 2, 5).weights("m", 5, 3).node("MatMul", List.of("x", "m"), List.of("f"));
        Graph g = bnParams(t, "bn", 3).add(bn("f", "y", "bn")).output("y").build();
        Graph s = fold(g);
        assertEquals(List.of("MatMul", "Mul", "Add"), ops(s));
        assertEquals(Shape.of(3), s.initializers().get(s.nodes().get(1).input(1)).shape());
        NaiveRunner.assertSameOutputs(g, s, Map.of("x", NaiveRunner.random(10, 2, 5)));
    }

    @Test
    void convWithFusedActivationIsNotFoldedInto() {
        TestGraph t = new TestGraph().input("x", 1, 2, 3, 3).weights("w", 2, 2, 1, 1)
                .node("Conv", List.of("x", "w"), List.of("c"), "activation", "Relu");
        Graph g = bnParams(t, "bn", 2).add(bn("c", "y", "bn")).output("y").build();
        assertEquals(List.of("Conv", "Mul", "Add"), ops(fold(g)));
    }

    @Test
    void runtimeParametersAreLeftAlone() {
        Graph g = new TestGraph().input("x", 1, 2, 3, 3).input("s", 2).weights("b", 2).weights("m", 2).weights("v", 0.5f, 1, 2)
                .add(new Node("bn", "BatchNormalization", List.of("x", "s", "b", "m", "v"), List.of("y"), Map.of()))
                .output("y").build();
        assertSame(g.nodes().get(0), new FoldBatchNorm().apply(g).nodes().get(0));
    }
}
