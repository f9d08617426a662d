package io.jdeepface.converter.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.GraphValidator;
import io.jdeepface.engine.graph.Node;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PruneDeadTest {
    @Test
    void removesDeadNodesAndUnusedInitializers() {
        Graph g = new TestGraph().input("x", 2, 3).input("unused", 1)
                .weights("w", 3).weights("dead_w", 3).weights("orphan", 7)
                .node("Mul", List.of("x", "w"), List.of("a"))
                .node("Add", List.of("x", "dead_w"), List.of("dead1"))
                .node("Relu", "dead1", "dead2")
                .node("Split", List.of("a"), List.of("y", "unused_half"), "axis", 0L)
                .output("y").build();
        Graph s = new PruneDead().apply(io.jdeepface.engine.graph.ShapeInference.infer(g));
        GraphValidator.validate(s);
        assertEquals(List.of("Mul", "Split"), s.nodes().stream().map(Node::opType).toList());
        assertEquals(Set.of("w"), s.initializers().keySet());
        assertEquals(2, s.inputs().size());
        assertEquals(Set.of("a", "y", "unused_half"), s.valueInfos().keySet());
    }
}
