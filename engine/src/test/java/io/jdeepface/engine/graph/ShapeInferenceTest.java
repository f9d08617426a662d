package io.jdeepface.engine.graph;

import static io.jdeepface.engine.graph.GraphFixture.dims;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.engine.ops.UnsupportedOperatorException;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ShapeInferenceTest {
    private static final long Q = Shape.DYNAMIC;

    private static long[] d(long... dims) {
        return dims;
    }

    private static long[] single(GraphFixture f, String out) {
        return dims(ShapeInference.infer(f.output(out).build()), out);
    }

    @Test
    void convWithStridesDilationsAndAsymmetricPads() {
        GraphFixture f = new GraphFixture().input("x", 1, 3, 10, 11).weights("w", 8, 3, 3, 3).weights("b", 8)
                .node("Conv", List.of("x", "w", "b"), List.of("y"), "strides", d(2, 1), "dilations", d(1, 2),
                        "pads", d(1, 0, 2, 1));
        // H: (10 + 1 + 2 - 3) / 2 + 1 = 6; W: effective kernel 5, (11 + 0 + 1 - 5) / 1 + 1 = 8
        assertArrayEquals(d(1, 8, 6, 8), single(f, "y"));
    }

    @Test
    void depthwiseConvAndChannelMismatch() {
        GraphFixture ok = new GraphFixture().input("x", 1, 4, 5, 5).weights("w", 4, 1, 3, 3)
                .node("Conv", List.of("x", "w"), List.of("y"), "group", 4L, "pads", d(1, 1, 1, 1));
        assertArrayEquals(d(1, 4, 5, 5), single(ok, "y"));
        GraphFixture bad = new GraphFixture().input("x", 1, 4, 5, 5).weights("w", 4, 2, 3, 3)
                .node("Conv", List.of("x", "w"), List.of("y"), "group", 4L);
        InvalidGraphException e = assertThrows(InvalidGraphException.class, () -> single(bad, "y"));
        assertTrue(e.getMessage().contains("y_node"), e.getMessage());
    }

    @Test
    void convSamePadding() {
        GraphFixture f = new GraphFixture().input("x", 1, 3, 9, 10).weights("w", 2, 3, 3, 3)
                .node("Conv", List.of("x", "w"), List.of("y"), "strides", d(2, 2), "auto_pad", "SAME_UPPER");
        assertArrayEquals(d(1, 2, 5, 5), single(f, "y"));
    }

    @Test
    void poolingCeilMode() {
        assertArrayEquals(d(1, 1, 2, 2), pool("MaxPool", 5, 0, 0));
        assertArrayEquals(d(1, 1, 3, 3), pool("MaxPool", 5, 0, 1));
        // pads 1: ceil((5 + 2 - 2) / 2) + 1 = 4, but the last window would start in the end padding
        assertArrayEquals(d(1, 1, 3, 3), pool("AveragePool", 5, 1, 1));
        assertArrayEquals(d(1, 1, 4, 4), pool("AveragePool", 6, 1, 1));
    }

    private static long[] pool(String op, long size, long pad, long ceil) {
        GraphFixture f = new GraphFixture().input("x", 1, 1, size, size)
                .node(op, "x", "y", "kernel_shape", d(2, 2), "strides", d(2, 2), "pads", d(pad, pad, pad, pad),
                        "ceil_mode", ceil);
        return single(f, "y");
    }

    @Property
    void floorPoolingCountsTheWindowsThatFit(@ForAll @IntRange(min = 1, max = 40) int in,
                                             @ForAll @IntRange(min = 1, max = 5) int k,
                                             @ForAll @IntRange(min = 1, max = 4) int s,
                                             @ForAll @IntRange(min = 1, max = 3) int dil,
                                             @ForAll @IntRange(min = 0, max = 3) int pb,
                                             @ForAll @IntRange(min = 0, max = 3) int pe) {
        long effective = (long) (k - 1) * dil + 1;
        long windows = 0;
        for (long p = 0; p + effective <= in + pb + pe; p += s) {
            windows++;
        }
        GraphFixture f = new GraphFixture().input("x", 1, 1, in).weights("w", 1, 1, k)
                .node("Conv", List.of("x", "w"), List.of("y"), "strides", d(s), "dilations", d(dil), "pads", d(pb, pe));
        if (windows == 0) {
            assertThrows(InvalidGraphException.class, () -> single(f, "y"));
        } else {
            assertEquals(windows, single(f, "y")[2]);
        }
    }

    @Test
    void globalAveragePool() {
        assertArrayEquals(d(Q, 8, 1, 1), single(new GraphFixture().input("x", Q, 8, 7, 7)
                .node("GlobalAveragePool", "x", "y"), "y"));
    }

    @Test
    void broadcasting() {
        GraphFixture f = new GraphFixture().input("a", 2, 1, 4).input("b", 3, 1).node("Add", List.of("a", "b"), List.of("y"));
        assertArrayEquals(d(2, 3, 4), single(f, "y"));
        GraphFixture dyn = new GraphFixture().input("a", Q, 3).weights("b", 1, 3).node("Mul", List.of("a", "b"), List.of("y"));
        assertArrayEquals(d(Q, 3), single(dyn, "y"));
        GraphFixture known = new GraphFixture().input("a", Q, 3).input("b", 5, 3).node("Sub", List.of("a", "b"), List.of("y"));
        assertArrayEquals(d(5, 3), single(known, "y"));
        GraphFixture bad = new GraphFixture().input("a", 2, 3).input("b", 4).node("Div", List.of("a", "b"), List.of("y"));
        InvalidGraphException e = assertThrows(InvalidGraphException.class, () -> single(bad, "y"));
        assertTrue(e.getMessage().contains("'y_node' (Div)") && e.getMessage().contains("[2x3]"), e.getMessage());
        GraphFixture max = new GraphFixture().input("a", 1, 4).input("b", 3, 1).input("c", 4)
                .node("Max", List.of("a", "b", "c"), List.of("y"));
        assertArrayEquals(d(3, 4), single(max, "y"));
    }

    @Test
    void gemmTransposeFlags() {
        GraphFixture f = new GraphFixture().input("a", 4, 3).weights("b", 5, 4).weights("c", 5)
                .node("Gemm", List.of("a", "b", "c"), List.of("y"), "transA", 1L, "transB", 1L);
        assertArrayEquals(d(3, 5), single(f, "y"));
        GraphFixture plain = new GraphFixture().input("a", Q, 4).weights("b", 4, 6)
                .node("Gemm", List.of("a", "b"), List.of("y"));
        assertArrayEquals(d(Q, 6), single(plain, "y"));
        GraphFixture bad = new GraphFixture().input("a", 4, 3).weights("b", 5, 4)
                .node("Gemm", List.of("a", "b"), List.of("y"), "transB", 1L);
        assertThrows(InvalidGraphException.class, () -> single(bad, "y"));
    }

    @Test
    void matMul() {
        assertArrayEquals(d(2, 3, 5), single(new GraphFixture().input("a", 2, 3, 4).weights("b", 4, 5)
                .node("MatMul", List.of("a", "b"), List.of("y")), "y"));
        assertArrayEquals(d(5), single(new GraphFixture().input("a", 4).weights("b", 4, 5)
                .node("MatMul", List.of("a", "b"), List.of("y")), "y"));
        assertArrayEquals(d(Q, 3), single(new GraphFixture().input("a", Q, 128).weights("b", 128, 3)
                .node("MatMul", List.of("a", "b"), List.of("y")), "y"));
    }

    @Test
    void reshapeCopyAndInfer() {
        assertArrayEquals(d(2, 12), reshape(d(2, 3, 4), 0, -1));
        assertArrayEquals(d(Q, 12), reshape(d(Q, 3, 4), 0, -1));
        assertArrayEquals(d(Q, 6), reshape(d(Q, 3, 4), -1, 6));
        assertArrayEquals(d(4, 3, 2), reshape(d(2, 3, 4), 4, 0, -1));
        assertThrows(InvalidGraphException.class, () -> reshape(d(2, 3, 4), 5, -1));
        assertThrows(InvalidGraphException.class, () -> reshape(d(2, 3, 4), -1, -1));
        assertThrows(InvalidGraphException.class, () -> reshape(d(2, 3, 4), 2, 3));
    }

    private static long[] reshape(long[] in, long... target) {
        return single(new GraphFixture().input("x", in).ints("t", target)
                .node("Reshape", List.of("x", "t"), List.of("y")), "y");
    }

    @Test
    void concat() {
        assertArrayEquals(d(1, 7, 3), single(new GraphFixture().input("a", 1, 2, 3).input("b", 1, 5, 3)
                .node("Concat", List.of("a", "b"), List.of("y"), "axis", -2L), "y"));
        InvalidGraphException e = assertThrows(InvalidGraphException.class, () -> single(new GraphFixture()
                .input("a", 1, 2, 3).input("b", 1, 5, 4).node("Concat", List.of("a", "b"), List.of("y"), "axis", 1L), "y"));
        assertTrue(e.getMessage().contains("dim 2"), e.getMessage());
    }

    @Test
    void splitInEveryForm() {
        Graph g = ShapeInference.infer(new GraphFixture().input("x", 1, 6, 3)
                .node("Split", List.of("x"), List.of("a", "b"), "axis", 1L, "split", d(2, 4)).build());
        assertArrayEquals(d(1, 2, 3), dims(g, "a"));
        assertArrayEquals(d(1, 4, 3), dims(g, "b"));
        g = ShapeInference.infer(new GraphFixture().input("x", 1, 6, 3).ints("s", 5, 1)
                .node("Split", List.of("x", "s"), List.of("a", "b"), "axis", 1L).build());
        assertArrayEquals(d(1, 1, 3), dims(g, "b"));
        g = ShapeInference.infer(new GraphFixture().input("x", 1, 6, 3)
                .node("Split", List.of("x"), List.of("a", "b", "c"), "axis", -2L).build());
        assertArrayEquals(d(1, 2, 3), dims(g, "c"));
        assertThrows(InvalidGraphException.class, () -> ShapeInference.infer(new GraphFixture().input("x", 1, 6, 3)
                .node("Split", List.of("x"), List.of("a", "b"), "axis", 1L, "split", d(2, 3)).build()));
    }

    @Test
    void sliceWithNegativeIndicesAndSteps() {
        assertArrayEquals(d(3, 8), slice(d(10, 8), d(-3), d(Long.MAX_VALUE), d(0), null));
        assertArrayEquals(d(10, 6), slice(d(10, 8), d(1), d(-1), d(1), null));
        assertArrayEquals(d(10, 4), slice(d(10, 8), d(-1), d(-Long.MAX_VALUE), d(-1), d(-2)));
        assertArrayEquals(d(0, 8), slice(d(10, 8), d(5), d(2), d(0), null));
        assertArrayEquals(d(Q, 2), slice(d(Q, 8), d(0), d(2), d(1), null));
        // opset 9 attribute form
        assertArrayEquals(d(1, 4420, 2), single(new GraphFixture().input("x", 1, 4420, 4)
                .node("Slice", "x", "y", "axes", d(2), "starts", d(2), "ends", d(Long.MAX_VALUE)), "y"));
    }

    private static long[] slice(long[] in, long[] starts, long[] ends, long[] axes, long[] steps) {
        GraphFixture f = new GraphFixture().input("x", in).ints("s", starts).ints("e", ends).ints("a", axes);
        if (steps != null) {
            f.ints("st", steps);
        }
        return single(f.node("Slice", steps == null ? List.of("x", "s", "e", "a") : List.of("x", "s", "e", "a", "st"),
                List.of("y")), "y");
    }

    @Test
    void transposeFlattenReduceMean() {
        assertArrayEquals(d(1, 3, 4, 2), single(new GraphFixture().input("x", 1, 2, 3, 4)
                .node("Transpose", "x", "y", "perm", d(0, 2, 3, 1)), "y"));
        assertArrayEquals(d(4, 3, 2, 1), single(new GraphFixture().input("x", 1, 2, 3, 4).node("Transpose", "x", "y"), "y"));
        assertThrows(InvalidGraphException.class, () -> single(new GraphFixture().input("x", 1, 2, 3)
                .node("Transpose", "x", "y", "perm", d(0, 0, 1)), "y"));
        assertArrayEquals(d(Q, 60), single(new GraphFixture().input("x", Q, 3, 4, 5).node("Flatten", "x", "y"), "y"));
        assertArrayEquals(d(1, 120), single(new GraphFixture().input("x", 2, 3, 4, 5).node("Flatten", "x", "y", "axis", 0L), "y"));
        assertArrayEquals(d(6, 20), single(new GraphFixture().input("x", 2, 3, 4, 5).node("Flatten", "x", "y", "axis", -2L), "y"));
        assertArrayEquals(d(1, 64), single(new GraphFixture().input("x", 1, 64, 7, 7)
                .node("ReduceMean", "x", "y", "axes", d(2, 3), "keepdims", 0L), "y"));
        assertArrayEquals(d(1, 64, 1, 1), single(new GraphFixture().input("x", 1, 64, 7, 7)
                .node("ReduceMean", "x", "y", "axes", d(-1, -2)), "y"));
        assertArrayEquals(d(1, 1, 1, 1), single(new GraphFixture().input("x", 1, 64, 7, 7).node("ReduceMean", "x", "y"), "y"));
    }

    @Test
    void padInBothForms() {
        assertArrayEquals(d(1, 3, 7, 9), single(new GraphFixture().input("x", 1, 3, 5, 5)
                .node("Pad", "x", "y", "pads", d(0, 0, 1, 2, 0, 0, 1, 2)), "y"));
        assertArrayEquals(d(1, 3, 4, 5), single(new GraphFixture().input("x", 1, 3, 5, 5).ints("p", 0, 0, 0, 0, 0, 0, -1, 0)
                .node("Pad", List.of("x", "p"), List.of("y")), "y"));
    }

    @Test
    void shapeChainFoldsIntoReshapeTarget() {
        GraphFixture f = shapeChain(1, 16, 30, 40);
        Graph g = ShapeInference.infer(f.build());
        assertArrayEquals(d(1, 4800 * 4 / 2, 2), dims(g, "y"));
        assertEquals(DataType.INT64, g.valueInfo("shape").orElseThrow().type());
        ShapeInference.Result r = ShapeInference.analyze(f.build(), Map.of(), 100);
        assertArrayEquals(d(1, -1, 2), r.constants().get("target").longs());
    }

    @Test
    void dynamicBatchPropagatesThroughShapeChains() {
        Graph g = ShapeInference.infer(shapeChain(Q, 16, 30, 40).build());
        // the target's first entry is only known at run time, so all dims are
        assertArrayEquals(d(Q, Q, Q), dims(g, "y"));
        Graph concrete = ShapeInference.infer(shapeChain(Q, 16, 30, 40).build(), Map.of("x", Shape.of(3, 16, 30, 40)));
        assertArrayEquals(d(3, 9600, 2), dims(concrete, "y"));
        assertArrayEquals(d(3, 16, 30, 40), concrete.inputs().get(0).shape().dims());
    }

    /** The pattern PyTorch exports for {@code x.view(x.size(0), -1, 2)} (opset 9 forms). */
    static GraphFixture shapeChain(long... inputDims) {
        return new GraphFixture().input("x", inputDims)
                .node("Transpose", "x", "t", "perm", d(0, 2, 3, 1))
                .node("Shape", "t", "shape")
                .node("Constant", List.of(), List.of("zero"), "value", Initializer.ofLongs("zero", Shape.scalar(), d(0)))
                .node("Gather", List.of("shape", "zero"), List.of("batch"), "axis", 0L)
                .node("Unsqueeze", "batch", "batch1", "axes", d(0))
                .ints("rest", -1, 2)
                .node("Concat", List.of("batch1", "rest"), List.of("target"), "axis", 0L)
                .node("Reshape", List.of("t", "target"), List.of("y"))
                .output("y");
    }

    @Test
    void inputShapeOverridesAreChecked() {
        Graph g = new GraphFixture().input("x", Q, 3, 8, 8).node("Relu", "x", "y").output("y").build();
        assertArrayEquals(d(5, 3, 8, 8), dims(ShapeInference.infer(g, Map.of("x", Shape.of(5, 3, 8, 8))), "y"));
        assertThrows(InvalidGraphException.class, () -> ShapeInference.infer(g, Map.of("x", Shape.of(5, 3, 9, 8))));
        assertThrows(InvalidGraphException.class, () -> ShapeInference.infer(g, Map.of("x", Shape.of(5, 3, 8))));
        assertThrows(InvalidGraphException.class, () -> ShapeInference.infer(g, Map.of("nope", Shape.of(1))));
    }

    @Test
    void unknownOpIsReported() {
        Graph g = new GraphFixture().input("x", 1, 3).node("Erf", "x", "y").output("y").build();
        UnsupportedOperatorException e = assertThrows(UnsupportedOperatorException.class, () -> ShapeInference.infer(g));
        assertTrue(e.getMessage().contains("Erf"), e.getMessage());
    }

    @Test
    void smallOpsTypesAndShapes() {
        Graph g = ShapeInference.infer(new GraphFixture().input("x", 2, 3, 1, 1)
                .node("Squeeze", "x", "sq", "axes", d(2, 3))
                .ints("ax", 0)
                .node("Unsqueeze", List.of("sq", "ax"), List.of("un"))
                .node("Squeeze", "x", "all")
                .node("Shape", "x", "s")
                .node("Cast", "s", "sf", "to", 1L)
                .node("ConstantOfShape", List.of("s"), List.of("zeros"),
                        "value", Initializer.ofLongs("v", Shape.of(1), d(7)))
                .ints("idx", 1, 0, 1)
                .node("Gather", List.of("x", "idx"), List.of("g"), "axis", 1L)
                .node("Dropout", List.of("x"), List.of("dr", "mask"))
                .node("Softmax", "sq", "sm", "axis", 1L)
                .output("g").build());
        assertArrayEquals(d(2, 3), dims(g, "sq"));
        assertArrayEquals(d(1, 2, 3), dims(g, "un"));
        assertArrayEquals(d(2, 3), dims(g, "all"));
        assertEquals(DataType.FLOAT32, g.valueInfo("sf").orElseThrow().type());
        assertEquals(DataType.INT64, g.valueInfo("zeros").orElseThrow().type());
        assertArrayEquals(d(2, 3, 1, 1), dims(g, "zeros"));
        assertArrayEquals(d(2, 3, 1, 1), dims(g, "g"));
        assertEquals(DataType.BOOL, g.valueInfo("mask").orElseThrow().type());
        assertEquals(DataType.FLOAT32, g.outputs().get(0).type());
        assertArrayEquals(d(2, 3, 1, 1), g.outputs().get(0).shape().dims());
        assertThrows(InvalidGraphException.class, () -> ShapeInference.infer(new GraphFixture().input("x", Q, 3, 1)
                .node("Squeeze", "x", "y").output("y").build()));
    }

    @Test
    void batchNormAndPReluCheckChannels() {
        GraphFixture ok = new GraphFixture().input("x", 1, 4, 2, 2).weights("s", 4).weights("b", 4).weights("m", 4)
                .weights("v", 4).node("BatchNormalization", List.of("x", "s", "b", "m", "v"), List.of("y"));
        assertArrayEquals(d(1, 4, 2, 2), single(ok, "y"));
        GraphFixture bad = new GraphFixture().input("x", 1, 4, 2, 2).weights("s", 3).weights("b", 4).weights("m", 4)
                .weights("v", 4).node("BatchNormalization", List.of("x", "s", "b", "m", "v"), List.of("y"));
        assertThrows(InvalidGraphException.class, () -> single(bad, "y"));
        assertArrayEquals(d(1, 4, 2, 2), single(new GraphFixture().input("x", 1, 4, 2, 2).weights("p", 4, 1, 1)
                .node("PRelu", List.of("x", "p"), List.of("y")), "y"));
        assertThrows(InvalidGraphException.class, () -> single(new GraphFixture().input("x", 1, 4, 2, 2).weights("p", 4)
                .node("PRelu", List.of("x", "p"), List.of("y")), "y"));
    }

    @Test
    void structuralErrorsComeFromTheValidator() {
        Graph g = new GraphFixture().input("x", 1).node("Relu", "missing", "y").output("y").build();
        assertThrows(InvalidGraphException.class, () -> ShapeInference.infer(g));
    }

    @Test
    void hostileValuesGiveCleanErrors() {
        // sizes whose product overflows a long
        assertThrows(InvalidGraphException.class, () -> reshape(d(2, 3), 1L << 40, 1L << 40));
        assertThrows(InvalidGraphException.class, () -> single(new GraphFixture().input("x", 1, 3)
                .node("Pad", "x", "y", "pads", d(0, 0, 0, Long.MAX_VALUE)), "y"));
        assertThrows(InvalidGraphException.class, () -> single(new GraphFixture().input("x", 1, 3)
                .node("Concat", List.of("x", "x"), List.of("y")), "y"));
        assertThrows(InvalidGraphException.class, () -> single(new GraphFixture().input("x", 1, 3, 4, 4)
                .weights("w", 2, 3, 1, 1).node("Conv", List.of("x", "w"), List.of("y"), "strides", d(1)), "y"));
        assertThrows(InvalidGraphException.class, () -> single(new GraphFixture().input("x", 1, 3)
                .node("Unsqueeze", "x", "y", "axes", d(0, 1, 2, 3, 4, 5, 6, 7)), "y"));
        // a huge constant is described but never materialized
        Graph g = new GraphFixture().ints("s", 1L << 20, 1L << 20)
                .node("ConstantOfShape", List.of("s"), List.of("y")).output("y").build();
        ShapeInference.Result r = ShapeInference.analyze(g, Map.of(), Long.MAX_VALUE);
        assertArrayEquals(d(1L << 20, 1L << 20), dims(r.graph(), "y"));
        assertTrue(r.constants().isEmpty());
    }
}
