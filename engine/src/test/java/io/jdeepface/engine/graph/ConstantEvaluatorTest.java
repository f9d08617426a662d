package io.jdeepface.engine.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Constant evaluation, seen through {@link ShapeInference#analyze}. */
class ConstantEvaluatorTest {

    private static Map<String, ConstantTensor> eval(GraphFixture f) {
        return ShapeInference.analyze(f.build(), Map.of(), Long.MAX_VALUE).constants();
    }

    private static float[] iota(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }

    @Test
    void gatherWithNegativeIndicesAndAxis() {
        Map<String, ConstantTensor> c = eval(new GraphFixture().floats("x", new long[] {2, 3}, iota(6))
                .ints("i", -1, 0).node("Gather", List.of("x", "i"), List.of("y"), "axis", 1L));
        assertArrayEquals(new float[] {2, 0, 5, 3}, c.get("y").floats());
        assertArrayEquals(new long[] {2, 2}, c.get("y").shape().dims());
        assertThrows(InvalidGraphException.class, () -> eval(new GraphFixture().floats("x", new long[] {2, 3}, iota(6))
                .ints("i", 3).node("Gather", List.of("x", "i"), List.of("y"), "axis", 1L)));
    }

    @Test
    void transposeConcatSliceSplit() {
        Map<String, ConstantTensor> c = eval(new GraphFixture().floats("x", new long[] {2, 3}, iota(6))
                .node("Transpose", "x", "t")
                .node("Concat", List.of("x", "x"), List.of("cat"), "axis", 1L)
                .ints("s", -1).ints("e", Long.MIN_VALUE).ints("a", 1).ints("st", -2)
                .node("Slice", List.of("x", "s", "e", "a", "st"), List.of("sl"))
                .node("Split", List.of("x"), List.of("p", "q"), "axis", 1L, "split", new long[] {1, 2}));
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, c.get("t").floats());
        assertArrayEquals(new float[] {0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5}, c.get("cat").floats());
        assertArrayEquals(new float[] {2, 0, 5, 3}, c.get("sl").floats());
        assertArrayEquals(new float[] {0, 3}, c.get("p").floats());
        assertArrayEquals(new float[] {1, 2, 4, 5}, c.get("q").floats());
    }

    @Test
    void arithmeticBroadcastsInFloatAndInteger() {
        Map<String, ConstantTensor> c = eval(new GraphFixture().floats("x", new long[] {2, 3}, iota(6))
                .floats("r", new long[] {2, 1}, 10, 20)
                .node("Add", List.of("x", "r"), List.of("sum"))
                .ints("a", 7, -7).ints("b", 2)
                .node("Div", List.of("a", "b"), List.of("q"))
                .node("Max", List.of("a", "b"), List.of("m")));
        assertArrayEquals(new float[] {10, 11, 12, 23, 24, 25}, c.get("sum").floats());
        assertArrayEquals(new long[] {3, -3}, c.get("q").longs());
        assertArrayEquals(new long[] {7, 2}, c.get("m").longs());
        assertThrows(InvalidGraphException.class, () -> eval(new GraphFixture().ints("a", 1).ints("b", 0)
                .node("Div", List.of("a", "b"), List.of("q"))));
    }

    @Test
    void castAndConstantForms() {
        Map<String, ConstantTensor> c = eval(new GraphFixture().floats("x", new long[] {3}, -1.7f, 0f, 2.9f)
                .node("Cast", "x", "i", "to", 7L)
                .node("Cast", "x", "b", "to", 9L)
                .node("Constant", List.of(), List.of("k"), "value_ints", new long[] {4, 5})
                .node("Constant", List.of(), List.of("f"), "value_float", 0.5f));
        assertArrayEquals(new long[] {-1, 0, 2}, c.get("i").longs());
        assertEquals(DataType.BOOL, c.get("b").type());
        assertArrayEquals(new long[] {1, 0, 1}, c.get("b").longs());
        assertArrayEquals(new long[] {4, 5}, c.get("k").longs());
        assertEquals(Shape.scalar(), c.get("f").shape());
    }

    @Test
    void runtimeValuesAreNotConstant() {
        Map<String, ConstantTensor> c = eval(new GraphFixture().input("x", Shape.DYNAMIC, 3)
                .node("Shape", "x", "s").node("Relu", "x", "r").ints("one", 1)
                .node("Gather", List.of("s", "one"), List.of("c")));
        assertFalse(c.containsKey("s"));
        assertFalse(c.containsKey("r"));
        // Gather of a non-constant Shape stays unknown even though index 1 is static
        assertFalse(c.containsKey("c"));
    }

    @Test
    void limitSkipsLargeValues() {
        GraphFixture f = new GraphFixture().floats("x", new long[] {2, 3}, iota(6)).node("Transpose", "x", "t");
        assertFalse(ShapeInference.analyze(f.build(), Map.of(), 5).constants().containsKey("t"));
    }

    @Property
    void transposeThenInverseIsIdentity(@ForAll @IntRange(min = 1, max = 4) int a,
                                        @ForAll @IntRange(min = 1, max = 4) int b,
                                        @ForAll @IntRange(min = 1, max = 4) int c) {
        float[] data = iota(a * b * c);
        Map<String, ConstantTensor> r = eval(new GraphFixture().floats("x", new long[] {a, b, c}, data)
                .node("Transpose", "x", "t", "perm", new long[] {2, 0, 1})
                .node("Transpose", "t", "back", "perm", new long[] {1, 2, 0}));
        assertArrayEquals(data, r.get("back").floats());
        assertArrayEquals(new long[] {c, a, b}, r.get("t").shape().dims());
        // element (i, j, k) of x is element (k, i, j) of t
        assertEquals(data[(a - 1) * b * c + (b - 1) * c], r.get("t").floats()[(a - 1) * b + (b - 1)]);
    }

    @Property
    void sliceMatchesANaiveLoop(@ForAll @IntRange(min = 1, max = 9) int n,
                                @ForAll @IntRange(min = -12, max = 12) int start,
                                @ForAll @IntRange(min = -12, max = 12) int end,
                                @ForAll @IntRange(min = -3, max = 3) int step) {
        if (step == 0) {
            return;
        }
        // ONNX: negative indices count from the end, then clamp
        long s = start < 0 ? start + n : start;
        long e = end < 0 ? end + n : end;
        java.util.List<Float> expected = new java.util.ArrayList<>();
        if (step > 0) {
            s = Math.max(0, Math.min(n, s));
            e = Math.max(0, Math.min(n, e));
            for (long i = s; i < e; i += step) {
                expected.add((float) i);
            }
        } else {
            s = Math.max(0, Math.min(n - 1, s));
            e = Math.max(-1, Math.min(n - 1, e));
            for (long i = s; i > e; i += step) {
                expected.add((float) i);
            }
        }
        GraphFixture f = new GraphFixture().floats("x", new long[] {n}, iota(n))
                .ints("s", start).ints("e", end).ints("a", 0).ints("st", step)
                .node("Slice", List.of("x", "s", "e", "a", "st"), List.of("y"));
        Map<String, ConstantTensor> r = eval(f);
        float[] exp = new float[expected.size()];
        for (int i = 0; i < exp.length; i++) {
            exp[i] = expected.get(i);
        }
        assertArrayEquals(exp, r.get("y").floats());
    }
}
