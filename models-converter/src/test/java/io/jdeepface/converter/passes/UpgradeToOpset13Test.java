package io.jdeepface.converter.passes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.GraphValidator;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.ops.UnsupportedOperatorException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpgradeToOpset13Test {

    private static Graph upgrade(Graph g, int opset) {
        Graph out = new UpgradeToOpset13(opset).apply(g);
        GraphValidator.validate(out);
        return out;
    }

    private static long softmaxAxis(long axis, long... dims) {
        Graph g = new TestGraph().input("x", dims).node("Softmax", "x", "y", "axis", axis).output("y").build();
        Graph s = upgrade(g, 9);
        // opset-9 meaning, spelled out: flatten to 2-D at axis, softmax over the rows, shape back
        Graph reference = new TestGraph().input("x", dims).node("Flatten", "x", "f", "axis", axis)
                .node("Softmax", "f", "sm", "axis", 1L).ints("shape", dims)
                .node("Reshape", List.of("sm", "shape"), List.of("y")).output("y").build();
        NaiveRunner.assertSameOutputs(reference, s, Map.of("x", NaiveRunner.random(1, dims)));
        return s.nodes().get(0).intAttr("axis", -99);
    }

    @Test
    void softmaxOverTheLastDimKeepsItsAxis() {
        assertEquals(2, softmaxAxis(2, 1, 4420, 2));
    }

    @Test
    void softmaxOverFlattenedDimsOfSizeOneMovesToTheRealDim() {
        assertEquals(1, softmaxAxis(1, 1, 10, 1, 1));
        assertEquals(3, softmaxAxis(1, 2, 1, 1, 7));
    }

    @Test
    void softmaxDefaultAxisBeforeOpset13IsOne() {
        Graph g = new TestGraph().input("x", 2, 5).node("Softmax", "x", "y").output("y").build();
        assertEquals(1, upgrade(g, 11).nodes().get(0).intAttr("axis", -99));
        assertSame(g.nodes().get(0), upgrade(g, 13).nodes().get(0));
    }

    @Test
    void softmaxOverSeveralRealDimsIsRejected() {
        Graph g = new TestGraph().input("x", 1, 3, 4).node("Softmax", "x", "y", "axis", 1L).output("y").build();
        UnsupportedOperatorException e = assertThrows(UnsupportedOperatorException.class, () -> upgrade(g, 9));
        assertTrue(e.getMessage().contains("y_node"), e.getMessage());
    }

    @Test
    void attributeSettingsBecomeInputs() {
        Graph g = new TestGraph().input("x", 1, 4, 6)
                .node("Slice", "x", "s", "axes", new long[] {2}, "starts", new long[] {1}, "ends", new long[] {Long.MAX_VALUE})
                .node("Pad", "s", "p", "pads", new long[] {0, 0, 1, 0, 0, 2}, "value", 1.5f, "mode", "constant")
                .node("Clip", "p", "c", "min", -1f, "max", 1f)
                .node("Split", List.of("c"), List.of("a", "b"), "axis", 1L, "split", new long[] {1, 3})
                .node("Unsqueeze", "a", "u", "axes", new long[] {0})
                .node("Squeeze", "u", "y", "axes", new long[] {0})
                .output("y").output("b").build();
        Graph s = upgrade(g, 9);
        for (Node n : s.nodes()) {
            assertTrue(n.attributes().keySet().stream().noneMatch(k -> List.of("starts", "ends", "axes", "pads",
                    "value", "min", "max", "split").contains(k)), n.toString());
        }
        Node slice = s.nodes().get(0);
        assertArrayEquals(new long[] {1}, s.initializers().get(slice.input(1)).toLongArray());
        assertArrayEquals(new long[] {2}, s.initializers().get(slice.input(3)).toLongArray());
        assertEquals(3, s.nodes().get(1).inputs().size());
        assertEquals("constant", s.nodes().get(1).stringAttr("mode", ""));
        NaiveRunner.assertSameOutputs(g, s, Map.of("x", NaiveRunner.random(2, 1, 4, 6)));
    }
}
