package io.jdeepface.converter.passes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.engine.graph.ConstantTensor;
import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.GraphValidator;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.InvalidGraphException;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FoldConstantsTest {
    private static final long Q = Shape.DYNAMIC;

    private static Graph foldAndPrune(Graph g) {
        Graph folded = new FoldConstants().apply(g);
        GraphValidator.validate(folded);
        Graph pruned = new PruneDead().apply(folded);
        GraphValidator.validate(pruned);
        return pruned;
    }

    private static List<String> ops(Graph g) {
        return g.nodes().stream().map(Node::opType).toList();
    }

    private static long[] reshapeTarget(Graph g) {
        Node reshape = g.nodes().stream().filter(n -> n.opType().equals("Reshape")).findFirst().orElseThrow();
        return g.initializers().get(reshape.input(1)).toLongArray();
    }

    /** {@code x.transpose(0,2,3,1).view(x.size(0), -1, 2)} as PyTorch exports it at opset 9. */
    static TestGraph viewChain(long... inputDims) {
        return new TestGraph().input("x", inputDims)
                .node("Transpose", "x", "t", "perm", new long[] {0, 2, 3, 1})
                .node("Shape", "t", "shape")
                .node("Constant", List.of(), List.of("zero"), "value", Initializer.ofLongs("v", Shape.scalar(), new long[] {0}))
                .node("Gather", List.of("shape", "zero"), List.of("batch"), "axis", 0L)
                .node("Unsqueeze", "batch", "batch1", "axes", new long[] {0})
                .ints("rest", -1, 2)
                .node("Concat", List.of("batch1", "rest"), List.of("target"), "axis", 0L)
                .node("Reshape", List.of("t", "target"), List.of("y"))
                .output("y");
    }

    @Test
    void staticShapeChainBecomesAConstantReshape() {
        Graph g = viewChain(1, 4, 3, 5).build();
        Graph s = foldAndPrune(g);
        assertEquals(List.of("Transpose", "Reshape"), ops(s));
        assertArrayEquals(new long[] {1, -1, 2}, reshapeTarget(s));
        assertEquals(Map.of(), s.initializers().entrySet().stream()
                .filter(e -> !e.getKey().equals(s.nodes().get(1).input(1)))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        NaiveRunner.assertSameOutputs(g, s, Map.of("x", NaiveRunner.random(1, 1, 4, 3, 5)));
    }

    @Test
    void dynamicBatchKeepsTheBatchSymbolicWithZero() {
        Graph g = viewChain(Q, 4, 3, 5).build();
        Graph s = foldAndPrune(g);
        assertEquals(List.of("Transpose", "Reshape"), ops(s));
        assertArrayEquals(new long[] {0, -1, 2}, reshapeTarget(s));
        for (int batch : new int[] {1, 2, 5}) {
            NaiveRunner.assertSameOutputs(g, s, Map.of("x", NaiveRunner.random(batch, batch, 4, 3, 5)));
        }
    }

    @Test
    void batchTimesConstantBecomesMinusOne() {
        // x.view(x.size(0) * 4, 6) on an N x 4 x 6 input: the batch entry is not a copy of dim 0
        Graph g = new TestGraph().input("x", Q, 4, 6)
                .node("Shape", "x", "shape").ints("i0", 0)
                .node("Gather", List.of("shape", "i0"), List.of("n"), "axis", 0L)
                .ints("four", 4).node("Mul", List.of("n", "four"), List.of("n4"))
                .ints("six", 6).node("Concat", List.of("n4", "six"), List.of("target"), "axis", 0L)
                .node("Reshape", List.of("x", "target"), List.of("y")).output("y").build();
        Graph s = foldAndPrune(g);
        assertEquals(List.of("Reshape"), ops(s));
        assertArrayEquals(new long[] {-1, 6}, reshapeTarget(s));
        NaiveRunner.assertSameOutputs(g, s, Map.of("x", NaiveRunner.random(3, 3, 4, 6)));
    }

    @Test
    void targetWithTwoBatchDependentEntriesStaysComputed() {
        // target [N * 4, -1]: -1 is taken, the batch entry is no copy: no constant form exists
        Graph g = new TestGraph().input("x", Q, 4, 6)
                .node("Shape", "x", "shape").ints("i0", 0)
                .node("Gather", List.of("shape", "i0"), List.of("n"), "axis", 0L)
                .ints("four", 4).node("Mul", List.of("n", "four"), List.of("n4"))
                .ints("rest", -1).node("Concat", List.of("n4", "rest"), List.of("target"), "axis", 0L)
                .node("Reshape", List.of("x", "target"), List.of("y")).output("y").build();
        Graph s = foldAndPrune(g);
        assertTrue(ops(s).contains("Shape"));
        assertThrows(io.jdeepface.engine.ops.UnsupportedOperatorException.class,
                () -> UnsupportedOperators.afterSimplification().apply(s));
    }

    @Test
    void generalizeRule() {
        assertArrayEquals(new long[] {0, -1}, FoldConstants.generalize(new long[] {2, -1}, new long[] {3, -1},
                Shape.of(2, 8), Shape.of(3, 8)));
        assertArrayEquals(new long[] {-1, 6}, FoldConstants.generalize(new long[] {8, 6}, new long[] {12, 6},
                Shape.of(2, 4, 6), Shape.of(3, 4, 6)));
        assertNull(FoldConstants.generalize(new long[] {8, -1}, new long[] {12, -1}, Shape.of(2, 24), Shape.of(3, 24)));
    }

    @Test
    void constantsAndConstantOfShapeBecomeInitializers() {
        Graph g = new TestGraph().input("x", 2, 3)
                .node("Constant", List.of(), List.of("c"), "value",
                        Initializer.ofFloats("v", Shape.of(1, 3), new float[] {1, 2, 3}))
                .node("Add", List.of("x", "c"), List.of("sum"))
                .ints("shape", 2, 3)
                .node("ConstantOfShape", List.of("shape"), List.of("ones"), "value",
                        Initializer.ofFloats("one", Shape.of(1), new float[] {1f}))
                .node("Mul", List.of("sum", "ones"), List.of("y")).output("y").build();
        Graph s = foldAndPrune(g);
        assertEquals(List.of("Add", "Mul"), ops(s));
        assertArrayEquals(new float[] {1, 2, 3}, s.initializers().get("c").toFloatArray());
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, s.initializers().get("ones").toFloatArray());
        assertFalse(s.initializers().containsKey("shape"));
        NaiveRunner.assertSameOutputs(g, s, Map.of("x", NaiveRunner.random(4, 2, 3)));
    }

    @Test
    void floatSubgraphOfWeightsIsEvaluated() {
        // PRelu slope reshaped at run time and a transposed, scaled weight
        Graph g = new TestGraph().input("x", 1, 3)
                .weights("w", 4, 3).node("Transpose", "w", "wt")
                .floats("half", new long[0], 0.5f).node("Mul", List.of("wt", "half"), List.of("w2"))
                .node("MatMul", List.of("x", "w2"), List.of("y")).output("y").build();
        Graph s = foldAndPrune(g);
        assertEquals(List.of("MatMul"), ops(s));
        Initializer w2 = s.initializers().get("w2");
        assertEquals(Shape.of(3, 4), w2.shape());
        float[] w = g.initializers().get("w").toFloatArray();
        assertEquals(w[1 * 3 + 2] * 0.5f, w2.toFloatArray()[2 * 4 + 1]);
    }

    @Test
    void initializersListedAsInputsBecomeConstants() {
        Graph g = new TestGraph().input("x", 1, 3).input("w", 3, 2).weights("w", 3, 2)
                .node("MatMul", List.of("x", "w"), List.of("y")).output("y").build();
        Graph s = new FoldConstants().apply(g);
        assertEquals(List.of("x"), s.inputs().stream().map(v -> v.name()).toList());
        assertTrue(s.initializers().containsKey("w"));
    }

    @Test
    void integerResultsKeepTheirType() {
        Graph g = new TestGraph().input("x", 2, 6)
                .node("Shape", "x", "s")
                .node("Cast", "s", "s32", "to", 6L)
                .node("Cast", "s32", "s64", "to", 7L)
                .node("Reshape", List.of("x", "s64"), List.of("y")).output("y").build();
        Graph s = foldAndPrune(g);
        assertEquals(DataType.INT64, s.initializers().get("s64").type());
        assertArrayEquals(new long[] {2, 6}, s.initializers().get("s64").toLongArray());
    }

    @Test
    void batchOneOnlyModelWithDynamicInputGetsAClearError() {
        // a hard-coded [1, -1] target: fine at batch 1, broken for any other batch
        Graph g = new TestGraph().input("x", Q, 4).ints("t", 1, 2, -1)
                .node("Reshape", List.of("x", "t"), List.of("r"))
                .weights("b", 4, 2, 2).node("Add", List.of("r", "b"), List.of("y")).output("y").build();
        InvalidGraphException e = assertThrows(InvalidGraphException.class, () -> new FoldConstants().apply(g));
        assertTrue(e.getMessage().contains("batch 1"), e.getMessage());
    }

    @Test
    void graphOutputThatIsConstant() {
        Graph g = new TestGraph().input("x", 2, 3).node("Shape", "x", "y").output("y").build();
        Graph s = foldAndPrune(g);
        assertTrue(s.nodes().isEmpty());
        assertArrayEquals(new long[] {2, 3}, s.initializers().get("y").toLongArray());
        ConstantTensor c = ConstantTensor.of(s.initializers().get("y"));
        assertEquals(DataType.INT64, c.type());
    }

    @Test
    void batchOfOneBakedIntoReshapeTargetsIsGeneralized() {
        // ShuffleNet channel shuffle as traced at batch 1 (fr_pose): both targets start with 1
        Graph g = new TestGraph().input("x", Q, 4, 2, 3)
                .ints("t1", 1, 2, 2, 2, 3).node("Reshape", List.of("x", "t1"), List.of("r1"))
                .node("Transpose", "r1", "tr", "perm", new long[] {0, 2, 1, 3, 4})
                .node("Constant", List.of(), List.of("t2"), "value", Initializer.ofLongs("v", Shape.of(4), new long[] {1, -1, 2, 3}))
                .node("Reshape", List.of("tr", "t2"), List.of("y")).output("y").build();
        Graph s = foldAndPrune(g);
        assertEquals(List.of("Reshape", "Transpose", "Reshape"), ops(s));
        assertArrayEquals(new long[] {0, 2, 2, 2, 3}, s.initializers().get(s.nodes().get(0).input(1)).toLongArray());
        assertArrayEquals(new long[] {0, -1, 2, 3}, s.initializers().get(s.nodes().get(2).input(1)).toLongArray());
        // batch 3 gives, sample by sample, what the original gives at batch 1
        ConstantTensor batch = NaiveRunner.random(21, 3, 4, 2, 3);
        ConstantTensor y = NaiveRunner.output(s, Map.of("x", batch), "y");
        for (int i = 0; i < 3; i++) {
            float[] sample = java.util.Arrays.copyOfRange(batch.floats(), i * 24, (i + 1) * 24);
            ConstantTensor expected = NaiveRunner.output(g, Map.of("x", ConstantTensor.ofFloats(Shape.of(1, 4, 2, 3), sample)), "y");
            assertArrayEquals(expected.floats(), java.util.Arrays.copyOfRange(y.floats(), i * 24, (i + 1) * 24));
        }
    }

    @Test
    void aOneThatIsNotTheBatchStays() {
        // the data's first dim is 4 (not the batch): [1, -1] must keep its meaning
        Graph g = new TestGraph().input("x", Q, 4).node("Transpose", "x", "t").ints("t1", 1, -1)
                .node("Reshape", List.of("t", "t1"), List.of("y")).output("y").build();
        Graph s = foldAndPrune(g);
        assertArrayEquals(new long[] {1, -1}, reshapeTarget(s));
    }
}
