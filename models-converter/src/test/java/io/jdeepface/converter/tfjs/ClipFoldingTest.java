package io.jdeepface.converter.tfjs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.GraphValidator;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClipFoldingTest {
    private static final ValueInfo X = new ValueInfo("x", DataType.FLOAT32, Shape.of(4));

    @Test
    void reluThenMinimumBecomesClipFromZero() {
        Graph g = graph(List.of(node("relu", "Relu", "x"), node("min", "Min", "relu", "six")), "min");
        Graph folded = ClipFolding.apply(g);
        GraphValidator.validate(folded);
        Node clip = folded.nodes().getFirst();
        assertEquals(1, folded.nodes().size());
        assertEquals("x", clip.input(0));
        assertEquals(0f, folded.initializer(clip.input(1)).orElseThrow().toFloatArray()[0], "Relu's 0 as a constant");
        assertEquals("six", clip.input(2));
    }

    @Test
    void disjointBoundsAreNotMerged() {
        // min(x, 1) then max(., 6) is always 6, not a clip of x to an empty interval.
        Graph g = graph(List.of(node("min", "Min", "x", "one"), node("max", "Max", "min", "six")), "max");
        Graph folded = ClipFolding.apply(g);
        assertEquals(List.of("Clip", "Clip"), folded.nodes().stream().map(Node::opType).toList());
        assertEquals(List.of("x", "", "one"), folded.nodes().get(0).inputs());
        assertEquals(List.of("min", "six", ""), folded.nodes().get(1).inputs());
    }

    @Test
    void valuesUsedElsewhereOrComputedBoundsStay() {
        Graph g = graph(List.of(node("relu", "Relu", "x"), node("min", "Min", "relu", "six"),
                node("sum", "Add", "relu", "min"), node("cap", "Min", "sum", "sum")), "cap");
        Graph folded = ClipFolding.apply(g);
        GraphValidator.validate(folded);
        assertEquals(List.of("Relu", "Clip", "Add", "Min"), folded.nodes().stream().map(Node::opType).toList());
    }

    private static Graph graph(List<Node> nodes, String output) {
        Map<String, Initializer> inits = new LinkedHashMap<>();
        inits.put("one", Initializer.ofFloats("one", Shape.scalar(), new float[] {1}));
        inits.put("six", Initializer.ofFloats("six", Shape.scalar(), new float[] {6}));
        return new Graph("g", List.of(X), List.of(new ValueInfo(output, DataType.FLOAT32, Shape.of(4))), nodes, inits, Map.of());
    }

    private static Node node(String name, String op, String... inputs) {
        return new Node(name, op, List.of(inputs), List.of(name), Map.of());
    }
}
