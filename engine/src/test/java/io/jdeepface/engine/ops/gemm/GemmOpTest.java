package io.jdeepface.engine.ops.gemm;

import static io.jdeepface.engine.ops.OpTesting.assertClose;
import static io.jdeepface.engine.ops.OpTesting.attrs;
import static io.jdeepface.engine.ops.OpTesting.randomFloats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.graph.Attribute;
import io.jdeepface.engine.graph.InvalidGraphException;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelSpec;
import io.jdeepface.engine.ops.OpTesting;
import io.jdeepface.engine.ops.OpTesting.Input;
import io.jdeepface.engine.ops.TestParallel;
import io.jdeepface.engine.ops.activation.Activation;
import io.jdeepface.engine.tensor.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ONNX Gemm, scalar and vector kernels, against a double-precision loop written here. */
class GemmOpTest {
    static final int[] SIZES = {1, 3, 13, 17, 33, 100, 257};
    static final long[][] BIAS_SHAPES = {null, {}, {1}, {-1 /* N */}, {1, -1}, {-2 /* M */, 1}, {-2, -1}};
    static final Parallel TWO = new TestParallel(2);

    /** A randomly drawn Gemm problem. {@code biasShape} uses -1 for N and -2 for M. */
    record Case(int m, int n, int k, boolean transA, boolean transB, float alpha, float beta,
                long[] biasShape, boolean constA, boolean constB, boolean constBias,
                Activation act, int threads) {

        long[] bias() {
            if (biasShape == null) {
                return null;
            }
            return Arrays.stream(biasShape).map(d -> d == -1 ? n : d == -2 ? m : d).toArray();
        }

        @Override
        public String toString() {
            return "Gemm M=" + m + " N=" + n + " K=" + k + " transA=" + transA + " transB=" + transB + " alpha="
                    + alpha + " beta=" + beta + " C=" + (biasShape == null ? "none" : Arrays.toString(bias()))
                    + " const A/B/C=" + constA + "/" + constB + "/" + constBias + " " + act + " threads=" + threads;
        }
    }

    static final Activation[] ACTIVATIONS = {
        Activation.NONE,
        new Activation(Activation.Kind.RELU, 0, 0, 0),
        new Activation(Activation.Kind.CLIP, 0, -0.3f, 0.4f),
        new Activation(Activation.Kind.LEAKY_RELU, 0.1f, 0, 0),
        new Activation(Activation.Kind.PRELU, 0, 0, 0),
        new Activation(Activation.Kind.SIGMOID, 0, 0, 0),
    };

    @Test
    void smallProductByHand() {
        // [1 2; 3 4] · [5 6; 7 8] = [19 22; 43 50], + bias [1, -100] per column, then Relu
        List<Input> in = List.of(
                Input.runtime("a", new float[] {1, 2, 3, 4}, 2, 2),
                Input.constant("b", new float[] {5, 6, 7, 8}, 2, 2),
                Input.constant("c", new float[] {1, -100}, 2));
        for (boolean vector : new boolean[] {false, true}) {
            KernelSpec spec = OpTesting.spec("Gemm", attrs("activation", "Relu"), in, new long[] {2, 2}, vector);
            float[] y = OpTesting.run(GemmOp.create(spec), in, 4, Parallel.SEQUENTIAL);
            assertArrayEquals(new float[] {20, 0, 44, 0}, y, "vector=" + vector);
        }
    }

    @Test
    void sweepMatchesDoublePrecision() {
        Random rnd = new Random(20240601);
        Set<Integer> ms = new HashSet<>();
        Set<Integer> ns = new HashSet<>();
        Set<Integer> ks = new HashSet<>();
        Set<Integer> biasKinds = new HashSet<>();
        Set<Activation.Kind> acts = EnumSet.noneOf(Activation.Kind.class);
        Set<String> flags = new HashSet<>();
        List<Case> cases = new ArrayList<>();
        while (cases.size() < 80) {
            int m = SIZES[rnd.nextInt(SIZES.length)];
            int n = SIZES[rnd.nextInt(SIZES.length)];
            int k = SIZES[rnd.nextInt(SIZES.length)];
            if ((long) m * n * k > 300_000) {
                continue;
            }
            float[] alphas = {1f, 0.5f, -2f};
            float[] betas = {1f, 0.25f, 0f};
            cases.add(new Case(m, n, k, rnd.nextBoolean(), rnd.nextBoolean(), alphas[rnd.nextInt(3)],
                    betas[rnd.nextInt(3)], BIAS_SHAPES[rnd.nextInt(BIAS_SHAPES.length)], rnd.nextInt(4) == 0,
                    rnd.nextInt(4) != 0, rnd.nextBoolean(), ACTIVATIONS[rnd.nextInt(ACTIVATIONS.length)],
                    1 + rnd.nextInt(2)));
        }
        // small problems first: the vector code is interpreted (slow) until the JIT has compiled it
        cases.sort(java.util.Comparator.comparingLong(c -> (long) c.m() * c.n() * c.k()));
        for (Case c : cases) {
            check(c, rnd);
            ms.add(c.m());
            ns.add(c.n());
            ks.add(c.k());
            biasKinds.add(Arrays.asList(BIAS_SHAPES).indexOf(c.biasShape()));
            acts.add(c.act().kind());
            flags.add("transA" + c.transA());
            flags.add("transB" + c.transB());
            flags.add("threads" + c.threads());
            flags.add("constA" + c.constA());
            flags.add("constB" + c.constB());
        }
        for (int size : SIZES) {
            assertEquals(true, ms.contains(size) && ns.contains(size) && ks.contains(size), "size " + size + " not covered");
        }
        assertEquals(BIAS_SHAPES.length, biasKinds.size(), "bias shapes covered");
        assertEquals(Activation.Kind.values().length, acts.size(), "activations covered");
        assertEquals(10, flags.size(), "flags covered: " + flags);
    }

    @Test
    void dynamicRowCount() {
        Random rnd = new Random(7);
        int k = 19;
        int n = 40;
        float[] b = randomFloats(rnd, k * n);
        float[] bias = randomFloats(rnd, n);
        for (boolean vector : new boolean[] {false, true}) {
            List<Input> declared = List.of(new Input("a", new long[] {Shape.DYNAMIC, k}, new float[0], false),
                    Input.constant("b", b, n, k), Input.constant("c", bias, n));
            KernelSpec spec = OpTesting.spec("Gemm", attrs("transB", 1), declared, new long[] {Shape.DYNAMIC, n}, vector);
            Kernel kernel = GemmOp.create(spec);
            for (int m : new int[] {1, 3, 11}) {
                float[] a = randomFloats(rnd, m * k);
                List<Input> in = List.of(Input.runtime("a", a, m, k), declared.get(1), declared.get(2));
                float[] y = OpTesting.run(kernel, in, m * n, TWO);
                float[] expected = expected(new Case(m, n, k, false, true, 1f, 1f, new long[] {-1}, false, true,
                        true, Activation.NONE, 1), a, b, bias, null);
                assertClose(expected, y, 1e-4, "dynamic M=" + m + " vector=" + vector);
            }
        }
    }

    @Test
    void rejectsMismatchedInnerDimensions() {
        List<Input> in = List.of(Input.runtime("a", new float[6], 2, 3), Input.constant("b", new float[8], 4, 2));
        KernelSpec spec = OpTesting.spec("Gemm", Map.of(), in, new long[] {2, 2}, false);
        assertThrows(InvalidGraphException.class, () -> GemmOp.create(spec));
    }

    @Test
    void rejectsBiasThatDoesNotBroadcast() {
        List<Input> in = List.of(Input.runtime("a", new float[6], 2, 3), Input.constant("b", new float[6], 3, 2),
                Input.constant("c", new float[3], 3));
        KernelSpec spec = OpTesting.spec("Gemm", Map.of(), in, new long[] {2, 2}, true);
        assertThrows(InvalidGraphException.class, () -> GemmOp.create(spec));
    }

    @Test
    void rejectsWrongBufferSizeAtRunTime() {
        List<Input> declared = List.of(Input.runtime("a", new float[6], 2, 3), Input.constant("b", new float[6], 3, 2));
        Kernel kernel = GemmOp.create(OpTesting.spec("Gemm", Map.of(), declared, new long[] {2, 2}, true));
        List<Input> wrong = List.of(Input.runtime("a", new float[9], 3, 3), declared.get(1));
        assertThrows(IllegalArgumentException.class, () -> OpTesting.run(kernel, wrong, 4, Parallel.SEQUENTIAL));
    }

    private static void check(Case c, Random rnd) {
        int aRows = c.transA() ? c.k() : c.m();
        int aCols = c.transA() ? c.m() : c.k();
        int bRows = c.transB() ? c.n() : c.k();
        int bCols = c.transB() ? c.k() : c.n();
        float[] a = randomFloats(rnd, c.m() * c.k());
        float[] b = randomFloats(rnd, c.k() * c.n());
        long[] biasShape = c.bias();
        float[] bias = biasShape == null ? null : randomFloats(rnd, (int) Shape.of(biasShape).elementCount());
        boolean prelu = c.act().kind() == Activation.Kind.PRELU;
        float[] slope = prelu ? randomFloats(rnd, c.n()) : null;
        List<Input> in = new ArrayList<>();
        in.add(new Input("a", new long[] {aRows, aCols}, a, c.constA()));
        in.add(new Input("b", new long[] {bRows, bCols}, b, c.constB()));
        in.add(bias == null ? null : new Input("c", biasShape, bias, c.constBias()));
        if (prelu) {
            in.add(new Input("slope", new long[] {c.n()}, slope, rnd.nextBoolean()));
        }
        Map<String, Attribute> attrs = new java.util.HashMap<>(attrs("transA", c.transA() ? 1 : 0,
                "transB", c.transB() ? 1 : 0, "alpha", c.alpha(), "beta", c.beta()));
        attrs.putAll(activationAttrs(c.act()));
        float[] expected = expected(c, a, b, bias, slope);
        for (boolean vector : new boolean[] {false, true}) {
            KernelSpec spec = OpTesting.spec("Gemm", attrs, in, new long[] {c.m(), c.n()}, vector);
            float[] y = OpTesting.run(GemmOp.create(spec), in, c.m() * c.n(), new TestParallel(c.threads()));
            assertClose(expected, y, 1e-4, c + " vector=" + vector);
        }
    }

    static Map<String, Attribute> activationAttrs(Activation act) {
        return switch (act.kind()) {
            case NONE -> Map.of();
            case RELU -> attrs("activation", "Relu");
            case CLIP -> attrs("activation", "Clip", "activation_min", act.min(), "activation_max", act.max());
            case LEAKY_RELU -> attrs("activation", "LeakyRelu", "activation_alpha", act.alpha());
            case PRELU -> attrs("activation", "PRelu");
            case SIGMOID -> attrs("activation", "Sigmoid");
        };
    }

    /** The definition, in double: A and B stored as their transposes when the flags say so. */
    static float[] expected(Case c, float[] a, float[] b, float[] bias, float[] slope) {
        int m = c.m();
        int n = c.n();
        int k = c.k();
        long[] bs = c.bias();
        float[] y = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int p = 0; p < k; p++) {
                    double av = c.transA() ? a[p * m + i] : a[i * k + p];
                    double bv = c.transB() ? b[j * k + p] : b[p * n + j];
                    acc += av * bv;
                }
                double v = c.alpha() * acc;
                if (bias != null && c.beta() != 0f) {
                    int bi;
                    if (bs.length == 0 || (bs.length == 1 && bs[0] == 1)) {
                        bi = 0;
                    } else if (bs.length == 1) {
                        bi = j;
                    } else {
                        bi = (int) ((bs[0] == 1 ? 0 : i) * bs[1] + (bs[1] == 1 ? 0 : j));
                    }
                    v += c.beta() * bias[bi];
                }
                y[i * n + j] = c.act().apply((float) v, slope == null ? 0f : slope[j]);
            }
        }
        return y;
    }
}
