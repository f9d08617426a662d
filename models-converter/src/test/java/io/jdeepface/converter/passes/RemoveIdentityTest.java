package io.jdeepface.converter.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.GraphValidator;
import io.jdeepface.engine.graph.Node;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoveIdentityTest {

    private static Graph remove(Graph g) {
        Graph out = new RemoveIdentity().apply(g);
        GraphValidator.validate(out);
        NaiveRunner.assertSameOutputs(g, out, Map.of("x", NaiveRunner.random(5, g.inputs().get(0).shape().dims())));
        return out;
    }

    private static List<String> ops(Graph g) {
        return g.nodes().stream().map(Node::opType).toList();
    }

    @Test
    void identitiesAndDropoutInTheMiddleDisappear() {
        Graph g = new TestGraph().input("x", 2, 3)
                .node("Relu", "x", "a").node("Identity", "a", "b").node("Dropout", "b", "c", "ratio", 0.5f)
                .node("Sigmoid", "c", "d").node("Identity", "a", "e").node("Add", List.of("d", "e"), List.of("y"))
                .output("y").build();
        Graph s = remove(g);
        assertEquals(List.of("Relu", "Sigmoid", "Add"), ops(s));
        assertEquals(List.of("a"), s.nodes().get(1).inputs());
        assertEquals(List.of("d", "a"), s.nodes().get(2).inputs());
    }

    @Test
    void identityToAGraphOutputRenamesTheProducer() {
        Graph g = new TestGraph().input("x", 2, 3).node("Relu", "x", "a").node("Sigmoid", "a", "z")
                .node("Identity", "a", "y").output("y").output("z").build();
        Graph s = remove(g);
        assertEquals(List.of("Relu", "Sigmoid"), ops(s));
        assertEquals(List.of("y"), s.nodes().get(0).outputs());
        assertEquals(List.of("y"), s.nodes().get(1).inputs());
    }

    @Test
    void inputPassedStraightToAnOutputKeepsOneIdentity() {
        Graph g = new TestGraph().input("x", 2, 3).node("Dropout", List.of("x"), List.of("y", "")).output("y").build();
        Graph s = remove(g);
        assertEquals(List.of("Identity"), ops(s));
    }

    @Test
    void dropoutWithAnUsedMaskStays() {
        Graph g = new TestGraph().input("x", 2, 3).node("Dropout", List.of("x"), List.of("d", "mask"))
                .node("Relu", "d", "y").output("y").output("mask").build();
        assertEquals(List.of("Dropout", "Relu"), ops(new RemoveIdentity().apply(g)));
    }

    @Test
    void zeroPadsAndSameTypeCastsAreIdentities() {
        Graph g = new TestGraph().input("x", 1, 2, 3, 3)
                .node("Pad", "x", "p", "pads", new long[8], "mode", "constant")
                .ints("zeros", 0, 0, 0, 0, 0, 0, 0, 0).node("Pad", List.of("p", "zeros"), List.of("q"))
                .ints("one", 0, 0, 0, 0, 0, 0, 0, 1).node("Pad", List.of("q", "one"), List.of("r"))
                .node("Cast", "r", "y", "to", 1L).output("y").build();
        // a Cast is recognized as a no-op once value types are known
        assertEquals(List.of("Pad", "Cast"), ops(new RemoveIdentity().apply(g)));
        assertEquals(List.of("Pad"), ops(remove(io.jdeepface.engine.graph.ShapeInference.infer(g))));
    }
}
