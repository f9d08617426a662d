package io.jdeepface.engine.ops.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.graph.Attribute;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelSpec;
import io.jdeepface.engine.ops.UnsupportedOperatorException;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The standalone activation nodes, scalar and vector, one and two threads, against plain formulas. */
class ActivationKernelsTest {
    /** Sizes around the vector width, a large tail and one big enough to be split across threads. */
    static final int[] SIZES = {0, 1, 3, 13, 17, 1000, 1013, 40_000 + 9};

    /** A node with inputs X plus {@code extra} (empty string = omitted), output Y, shapes all [n]. */
    public static KernelSpec spec(String op, Map<String, Attribute> attrs, Shape x, List<String> extra,
                           Map<String, Initializer> constants, Map<String, Shape> runtimeShapes, boolean vector) {
        List<String> inputs = new ArrayList<>();
        inputs.add("X");
        inputs.addAll(extra);
        List<ValueInfo> infos = new ArrayList<>();
        infos.add(new ValueInfo("X", DataType.FLOAT32, x));
        for (String e : extra) {
            Shape s = constants.containsKey(e) ? constants.get(e).shape() : runtimeShapes.get(e);
            infos.add(e.isEmpty() ? null : new ValueInfo(e, DataType.FLOAT32, s));
        }
        Node node = new Node("n_" + op, op, inputs, List.of("Y"), attrs);
        return new KernelSpec(node, infos, List.of(new ValueInfo("Y", DataType.FLOAT32, x)), constants, vector);
    }

    public static KernelSpec unary(String op, Map<String, Attribute> attrs, int n, boolean vector) {
        return spec(op, attrs, Shape.of(n), List.of(), Map.of(), Map.of(), vector);
    }

    public static float[] run(Kernel k, float[] x, Parallel parallel, MemorySegment... extra) {
        MemorySegment[] in = new MemorySegment[1 + extra.length];
        in[0] = Floats.segment(x);
        System.arraycopy(extra, 0, in, 1, extra.length);
        MemorySegment y = Floats.segment(new float[x.length]);
        k.run(in, new MemorySegment[] {y}, parallel);
        return Floats.array(y);
    }

    /** Runs {@code factory} on every size, both paths and both thread counts against {@code want}. */
    static void check(String op, Map<String, Attribute> attrs, Function<KernelSpec, Kernel> factory,
                      DoubleUnaryOperator want, boolean exact) {
        for (int n : SIZES) {
            float[] x = Floats.mixed(n, n + 1);
            for (boolean vector : new boolean[] {false, true}) {
                Kernel k = factory.apply(unary(op, attrs, n, vector));
                for (Parallel p : TestThreads.BOTH) {
                    float[] y = run(k, x, p);
                    for (int i = 0; i < n; i++) {
                        float w = (float) want.applyAsDouble(x[i]);
                        boolean ok = exact ? Float.floatToIntBits(y[i]) == Float.floatToIntBits(w)
                                : Floats.close(y[i], w, 1e-6);
                        if (!ok) {
                            throw new AssertionError(op + (vector ? " vector " : " scalar ") + p + " n=" + n
                                    + ": f(" + x[i] + ") = " + y[i] + ", want " + w);
                        }
                    }
                }
            }
        }
    }

    @Test
    void relu() {
        check("Relu", Map.of(), Relu::create, v -> Float.isNaN((float) v) ? Float.NaN : v > 0 ? v : 0f, true);
    }

    @Test
    void leakyReluDefaultAndGivenAlpha() {
        check("LeakyRelu", Map.of(), LeakyRelu::create, v -> v >= 0 ? v : (float) v * 0.01f, true);
        check("LeakyRelu", Map.of("alpha", new Attribute.Float(0.2f)), LeakyRelu::create,
                v -> v >= 0 ? v : (float) v * 0.2f, true);
    }

    @Test
    void sigmoidTanhExp() {
        check("Sigmoid", Map.of(), Sigmoid::create, v -> 1 / (1 + Math.exp(-v)), false);
        check("Tanh", Map.of(), Tanh::create, Math::tanh, false);
        check("Exp", Map.of(), Exp::create, Math::exp, false);
    }

    @Test
    void clipFromAttributesBeforeOpset11() {
        check("Clip", Map.of("min", new Attribute.Float(-1f), "max", new Attribute.Float(6f)), Clip::create,
                v -> Double.isNaN(v) ? v : Math.min(Math.max(v, -1), 6), true);
        // only max given: min defaults to the lowest float, so -inf becomes -FLT_MAX
        check("Clip", Map.of("max", new Attribute.Float(0.5f)), Clip::create,
                v -> Double.isNaN(v) ? v : Math.min(Math.max(v, -Float.MAX_VALUE), 0.5), true);
    }

    @Test
    void clipWithoutBoundsIsIdentity() {
        check("Clip", Map.of(), Clip::create, v -> v, true);
    }

    @Test
    void clipFromConstantAndRuntimeInputs() {
        float[] x = Floats.mixed(1013, 5);
        Initializer min = Initializer.ofFloats("lo", Shape.scalar(), new float[] {0f});
        Initializer max = Initializer.ofFloats("hi", Shape.scalar(), new float[] {6f});
        for (boolean vector : new boolean[] {false, true}) {
            for (Parallel p : TestThreads.BOTH) {
                Shape s = Shape.of(x.length);
                Kernel constant = Clip.create(spec("Clip", Map.of(), s, List.of("lo", "hi"),
                        Map.of("lo", min, "hi", max), Map.of(), vector));
                Kernel onlyMax = Clip.create(spec("Clip", Map.of(), s, List.of("", "hi"),
                        Map.of("hi", max), Map.of(), vector));
                Kernel runtime = Clip.create(spec("Clip", Map.of(), s, List.of("a", "b"),
                        Map.of(), Map.of("a", Shape.scalar(), "b", Shape.scalar()), vector));
                float[] c = run(constant, x, p, MemorySegment.NULL, MemorySegment.NULL);
                float[] m = run(onlyMax, x, p, MemorySegment.NULL, MemorySegment.NULL);
                float[] r = run(runtime, x, p, Floats.segment(new float[] {0f}), Floats.segment(new float[] {6f}));
                float[] inverted = run(runtime, x, p, Floats.segment(new float[] {3f}), Floats.segment(new float[] {1f}));
                for (int i = 0; i < x.length; i++) {
                    float want = Float.isNaN(x[i]) ? Float.NaN : Math.min(Math.max(x[i], 0f), 6f);
                    assertEquals(want, c[i], "constant bounds at " + x[i]);
                    assertEquals(want, r[i], "runtime bounds at " + x[i]);
                    assertEquals(Float.isNaN(x[i]) ? Float.NaN : Math.min(x[i], 6f), m[i], "max only at " + x[i]);
                    assertEquals(Float.isNaN(x[i]) ? Float.NaN : 1f, inverted[i], "min > max gives max");
                }
            }
        }
    }

    @Test
    void clipRejectsNonScalarBound() {
        Initializer min = Initializer.ofFloats("lo", Shape.of(2), new float[] {0f, 1f});
        assertThrows(UnsupportedOperatorException.class, () -> Clip.create(
                spec("Clip", Map.of(), Shape.of(4), List.of("lo"), Map.of("lo", min), Map.of(), false)));
    }

    @Test
    void rejectsNonFloatInput() {
        Node node = new Node("i", "Relu", List.of("X"), List.of("Y"), Map.of());
        ValueInfo x = new ValueInfo("X", DataType.INT64, Shape.of(3));
        KernelSpec spec = new KernelSpec(node, List.of(x), List.of(x), Map.of(), true);
        UnsupportedOperatorException e = assertThrows(UnsupportedOperatorException.class, () -> Relu.create(spec));
        assertTrue(e.getMessage().contains("INT64"), e.getMessage());
    }

    // ---- PRelu ----

    /** y = x >= 0 ? x : x * slope[broadcast index], numpy broadcasting written out for 4-D x. */
    static float[] preluExpected(float[] x, long[] xd, float[] slope, long[] sd) {
        long[] s = new long[4];
        int shift = 4 - sd.length;
        for (int a = 0; a < 4; a++) {
            s[a] = a < shift ? 1 : sd[a - shift];
        }
        float[] y = new float[x.length];
        int i = 0;
        for (int n = 0; n < xd[0]; n++) {
            for (int c = 0; c < xd[1]; c++) {
                for (int h = 0; h < xd[2]; h++) {
                    for (int w = 0; w < xd[3]; w++, i++) {
                        long si = (((s[0] == 1 ? 0 : n) * s[1] + (s[1] == 1 ? 0 : c)) * s[2]
                                + (s[2] == 1 ? 0 : h)) * s[3] + (s[3] == 1 ? 0 : w);
                        y[i] = x[i] >= 0 ? x[i] : x[i] * slope[(int) si];
                    }
                }
            }
        }
        return y;
    }

    @Test
    void preluBroadcastsSlopeLikeNumpy() {
        long[] xd = {2, 5, 7, 9};
        long[][] slopeShapes = {{5, 1, 1}, {1, 5, 1, 1}, {9}, {1}, {}, {7, 9}, {2, 5, 7, 9}, {2, 1, 1, 9}, {5, 7, 1}};
        int count = 2 * 5 * 7 * 9;
        float[] x = Floats.mixed(count, 9);
        for (long[] sd : slopeShapes) {
            Shape slopeShape = Shape.of(sd);
            float[] slope = new float[(int) slopeShape.elementCount()];
            for (int i = 0; i < slope.length; i++) {
                slope[i] = (i % 11) * 0.1f - 0.3f;
            }
            float[] want = preluExpected(x, xd, slope, sd);
            Initializer constant = Initializer.ofFloats("slope", slopeShape, slope);
            for (boolean vector : new boolean[] {false, true}) {
                for (Parallel p : TestThreads.BOTH) {
                    Kernel k = PRelu.create(spec("PRelu", Map.of(), Shape.of(xd), List.of("slope"),
                            Map.of("slope", constant), Map.of(), vector));
                    Kernel runtime = PRelu.create(spec("PRelu", Map.of(), Shape.of(xd), List.of("s"),
                            Map.of(), Map.of("s", slopeShape), vector));
                    float[] got = run(k, x, p, MemorySegment.NULL);
                    float[] gotRuntime = run(runtime, x, p, Floats.segment(slope));
                    for (int i = 0; i < count; i++) {
                        assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(got[i]),
                                "slope " + slopeShape + " at " + i);
                        assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(gotRuntime[i]),
                                "run-time slope " + slopeShape + " at " + i);
                    }
                }
            }
        }
    }

    @Test
    void preluLargePerChannelTensorSplitAcrossThreads() {
        long[] xd = {1, 64, 28, 28};
        float[] x = Floats.mixed(64 * 28 * 28, 4);
        float[] slope = new float[64];
        for (int i = 0; i < 64; i++) {
            slope[i] = i * 0.01f;
        }
        float[] want = preluExpected(x, xd, slope, new long[] {64, 1, 1});
        Initializer c = Initializer.ofFloats("slope", Shape.of(64, 1, 1), slope);
        for (boolean vector : new boolean[] {false, true}) {
            Kernel k = PRelu.create(spec("PRelu", Map.of(), Shape.of(xd), List.of("slope"),
                    Map.of("slope", c), Map.of(), vector));
            float[] got = run(k, x, TestThreads.TWO, MemorySegment.NULL);
            for (int i = 0; i < x.length; i++) {
                assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(got[i]), "at " + i);
            }
        }
    }

    @Test
    void preluDynamicBatchTakesSizeFromBuffer() {
        float[] slope = {0.5f, -1f, 2f};
        Initializer c = Initializer.ofFloats("slope", Shape.of(3, 1, 1), slope);
        Kernel k = PRelu.create(spec("PRelu", Map.of(), Shape.of(Shape.DYNAMIC, 3, 2, 2), List.of("slope"),
                Map.of("slope", c), Map.of(), true));
        float[] x = new float[3 * 3 * 4];
        java.util.Arrays.fill(x, -2f);
        float[] y = run(k, x, Parallel.SEQUENTIAL, MemorySegment.NULL);
        for (int i = 0; i < x.length; i++) {
            assertEquals(-2f * slope[(i / 4) % 3], y[i], "at " + i);
        }
    }

    @Test
    void preluRejectsPerChannelSlopeWrittenAsBareC() {
        Initializer c = Initializer.ofFloats("slope", Shape.of(5), new float[5]);
        UnsupportedOperatorException e = assertThrows(UnsupportedOperatorException.class, () -> PRelu.create(
                spec("PRelu", Map.of(), Shape.of(1, 5, 7, 9), List.of("slope"), Map.of("slope", c), Map.of(), true)));
        assertTrue(e.getMessage().contains("[C,1,1]"), e.getMessage());
    }
}
