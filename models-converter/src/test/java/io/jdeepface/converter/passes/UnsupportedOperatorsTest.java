package io.jdeepface.converter.passes;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.ops.UnsupportedOperatorException;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnsupportedOperatorsTest {
    @Test
    void namesEveryUnknownOpAndItsNodes() {
        Graph g = new TestGraph().input("x", 2, 3).node("Erf", "x", "a").node("Relu", "a", "b")
                .node("Erf", "b", "c").node("Resize", "c", "y").output("y").build();
        UnsupportedOperatorException e = assertThrows(UnsupportedOperatorException.class,
                () -> UnsupportedOperators.beforeSimplification().apply(g));
        String m = e.getMessage();
        assertTrue(m.contains("Erf: no implementation (nodes a_node, c_node)"), m);
        assertTrue(m.contains("Resize: no implementation (node y_node)"), m);
        assertFalse(m.contains("Relu"), m);
    }

    @Test
    void shapeOpsMustBeGoneAfterSimplification() {
        Graph g = new TestGraph().input("x", 2, 3).node("Shape", "x", "s").node("Identity", "s", "y").output("y").build();
        assertSame(g, UnsupportedOperators.beforeSimplification().apply(g));
        String m = assertThrows(UnsupportedOperatorException.class,
                () -> UnsupportedOperators.afterSimplification().apply(g)).getMessage();
        assertTrue(m.contains("Shape: left over") && m.contains("Identity: left over"), m);
    }

    @Test
    void batchNormWithConstantParametersMustBeFolded() {
        Graph constant = new TestGraph().input("x", 1, 2, 3, 3).weights("s", 2).weights("b", 2).weights("m", 2).weights("v", 2)
                .node("BatchNormalization", List.of("x", "s", "b", "m", "v"), List.of("y")).output("y").build();
        assertThrows(UnsupportedOperatorException.class, () -> UnsupportedOperators.afterSimplification().apply(constant));
        Graph runtime = new TestGraph().input("x", 1, 2, 3, 3).input("s", 2).weights("b", 2).weights("m", 2).weights("v", 2)
                .node("BatchNormalization", List.of("x", "s", "b", "m", "v"), List.of("y")).output("y").build();
        assertSame(runtime, UnsupportedOperators.afterSimplification().apply(runtime));
    }

    @Test
    void runtimeSetExcludesFoldedOps() {
        assertTrue(UnsupportedOperators.RUNTIME_OPS.contains("Conv"));
        assertFalse(UnsupportedOperators.RUNTIME_OPS.contains("Shape"));
        assertFalse(UnsupportedOperators.RUNTIME_OPS.contains("Dropout"));
    }
}
