package io.jdeepface.converter.passes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.tensor.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimplifierTest {
    private static final long Q = Shape.DYNAMIC;

    /** A small detector head in the style of fr_detect (PyTorch, ONNX opset 9). */
    static Graph detector(long batch) {
        TestGraph t = new TestGraph().input("x", batch, 3, 8, 8)
                .weights("w1", 4, 3, 3, 3).weights("b1", 4)
                .node("Conv", List.of("x", "w1", "b1"), List.of("c1"), "pads", new long[] {1, 1, 1, 1})
                .weights("s1", 0.5f, 1.5f, 4).weights("o1", 4).weights("m1", 4).weights("v1", 0.2f, 2f, 4)
                .node("BatchNormalization", List.of("c1", "s1", "o1", "m1", "v1"), List.of("n1"), "epsilon", 1e-5f)
                .node("Relu", "n1", "r1")
                .node("Pad", "r1", "p1", "pads", new long[8], "mode", "constant", "value", 0f)
                .weights("w2", 4, 4, 1, 1)
                .node("Conv", List.of("p1", "w2"), List.of("c2"))
                .weights("s2", 0.5f, 1.5f, 4).weights("o2", 4).weights("m2", 4).weights("v2", 0.2f, 2f, 4)
                .node("BatchNormalization", List.of("c2", "s2", "o2", "m2", "v2"), List.of("n2"))
                .node("Clip", "n2", "r2", "min", 0f, "max", 6f)
                .node("Dropout", "r2", "d2", "ratio", 0.1f)
                .node("Transpose", "d2", "t", "perm", new long[] {0, 2, 3, 1})
                .node("Shape", "t", "shape")
                .node("Constant", List.of(), List.of("zero"), "value", Initializer.ofLongs("v", Shape.scalar(), new long[] {0}))
                .node("Gather", List.of("shape", "zero"), List.of("n"), "axis", 0L)
                .node("Unsqueeze", "n", "n1d", "axes", new long[] {0})
                .ints("rest", -1, 2)
                .node("Concat", List.of("n1d", "rest"), List.of("target"), "axis", 0L)
                .node("Reshape", List.of("t", "target"), List.of("flat"))
                .node("Softmax", "flat", "scores", "axis", 2L)
                .node("Slice", "flat", "first", "axes", new long[] {2}, "starts", new long[] {0}, "ends", new long[] {1})
                .node("Constant", List.of(), List.of("tenth"), "value", Initializer.ofFloats("v", Shape.scalar(), new float[] {0.1f}))
                .node("Mul", List.of("first", "tenth"), List.of("m"))
                .node("Identity", "m", "boxes")
                .output("scores").output("boxes");
        return t.build();
    }

    private static List<String> ops(Graph g) {
        return g.nodes().stream().map(Node::opType).toList();
    }

    @Test
    void simplifiesADetectorHead() {
        Graph g = detector(1);
        Graph s = new Simplifier(9).apply(g);
        assertEquals(List.of("Conv", "Conv", "Transpose", "Reshape", "Softmax", "Slice", "Mul"), ops(s));
        assertEquals("Relu", s.nodes().get(0).stringAttr("activation", ""));
        assertEquals("Clip", s.nodes().get(1).stringAttr("activation", ""));
        assertEquals(6f, s.nodes().get(1).floatAttr("activation_max", 0));
        assertArrayEquals(new long[] {1, 128, 2}, s.outputs().get(0).shape().dims());
        assertArrayEquals(new long[] {1, 128, 1}, s.outputs().get(1).shape().dims());
        assertEquals(List.of("scores", "boxes"), s.outputs().stream().map(v -> v.name()).toList());
        assertFalse(s.valueInfos().isEmpty());
        NaiveRunner.assertSameOutputs(g, s, Map.of("x", NaiveRunner.random(11, 1, 3, 8, 8)));
    }

    @Test
    void simplifiesWithADynamicBatch() {
        Graph g = detector(Q);
        Graph s = new Simplifier(9).apply(g);
        assertEquals(List.of("Conv", "Conv", "Transpose", "Reshape", "Softmax", "Slice", "Mul"), ops(s));
        assertArrayEquals(new long[] {0, -1, 2}, s.initializers().get(s.nodes().get(3).input(1)).toLongArray());
        assertArrayEquals(new long[] {Q, 128, 2}, s.outputs().get(0).shape().dims());
        for (int batch : new int[] {1, 3}) {
            NaiveRunner.assertSameOutputs(g, s, Map.of("x", NaiveRunner.random(batch, batch, 3, 8, 8)));
        }
    }

    @Test
    void simplifiesAnEmbeddingHeadWithPReluAndBatchNorm1d() {
        Graph g = new TestGraph().input("x", 2, 3, 6, 6)
                .weights("w", 5, 3, 3, 3).node("Conv", List.of("x", "w"), List.of("c"))
                .weights("slope", 5, 1, 1).node("PRelu", List.of("c", "slope"), List.of("p"))
                .node("GlobalAveragePool", "p", "gap").node("Flatten", "gap", "f")
                .weights("fc", 4, 5).weights("fcb", 4)
                .node("Gemm", List.of("f", "fc", "fcb"), List.of("e"), "transB", 1L)
                .weights("s", 0.5f, 1.5f, 4).weights("o", 4).weights("m", 4).weights("v", 0.2f, 2f, 4)
                .node("BatchNormalization", List.of("e", "s", "o", "m", "v"), List.of("y"))
                .output("y").build();
        Graph s = new Simplifier(9).apply(g);
        assertEquals(List.of("Conv", "GlobalAveragePool", "Flatten", "Gemm", "Mul", "Add"), ops(s));
        assertEquals(Shape.of(5), s.initializers().get(s.nodes().get(0).input(3)).shape());
        NaiveRunner.assertSameOutputs(g, s, Map.of("x", NaiveRunner.random(12, 2, 3, 6, 6)));
    }

    @Test
    void everyStandardPassHasAName() {
        List<GraphPass> passes = Simplifier.standardPasses(13);
        assertTrue(passes.stream().allMatch(p -> !p.name().isBlank()));
        assertEquals("check-runtime-operators", passes.getLast().name());
    }
}
