package io.jdeepface.engine.ops.conv;

import static io.jdeepface.engine.ops.OpTesting.assertClose;
import static io.jdeepface.engine.ops.OpTesting.attrs;
import static io.jdeepface.engine.ops.OpTesting.randomFloats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.graph.Attribute;
import io.jdeepface.engine.graph.InvalidGraphException;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelSpec;
import io.jdeepface.engine.ops.OpTesting;
import io.jdeepface.engine.ops.OpTesting.Input;
import io.jdeepface.engine.ops.TestParallel;
import io.jdeepface.engine.ops.UnsupportedOperatorException;
import io.jdeepface.engine.ops.activation.Activation;
import io.jdeepface.engine.tensor.Shape;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Conv in the style of ncnn's test_convolution: a seeded sample of geometries (kernel, stride,
 * dilation, symmetric and asymmetric pads, awkward channel counts and sizes that leave vector
 * tails, groups, batch, bias, every fused activation, 1 and 2 threads), every kernel checked
 * against a double-precision loop written here.
 */
class ConvTest {
    static final int[] CHANNELS = {1, 3, 13, 17, 33};
    static final int[] SIZES = {1, 5, 17, 31};
    static final int[] KERNELS = {1, 3, 5, 7};
    static final Activation[] ACTIVATIONS = {
        Activation.NONE,
        new Activation(Activation.Kind.RELU, 0, 0, 0),
        new Activation(Activation.Kind.CLIP, 0, 0f, 0.5f),
        new Activation(Activation.Kind.LEAKY_RELU, 0.2f, 0, 0),
        new Activation(Activation.Kind.PRELU, 0, 0, 0),
        new Activation(Activation.Kind.SIGMOID, 0, 0, 0),
    };

    /** One convolution under test. */
    record Case(int batch, int inC, int outC, int h, int w, int kh, int kw, int sh, int sw, int dh, int dw,
                int pt, int pl, int pb, int pr, int group, boolean bias, Activation act, int threads) {

        ConvParams params() {
            return new ConvParams(batch, inC, h, w, outC, kh, kw, sh, sw, dh, dw, pt, pl, pb, pr, group, bias, act);
        }

        boolean valid() {
            return (h + pt + pb - dh * (kh - 1) - 1) >= 0 && (w + pl + pr - dw * (kw - 1) - 1) >= 0;
        }

        long macs() {
            return params().macs();
        }

        String path() {
            ConvParams p = params();
            if (ConvFullyConnected.applies(p)) {
                return "fully-connected";
            }
            if (ConvGemm.isPointwise(p)) {
                return "pointwise";
            }
            if (!p.isDepthwise() && ConvFewInputs.applies(p)) {
                return "few-inputs";
            }
            // the three ways Im2col copies a panel row
            return sh == 1 && sw == 1 && p.outWidth() == w ? "im2col-same-width" : sw == 2 ? "im2col-stride2" : "im2col-runs";
        }
    }

    @Test
    void sweepMatchesDoublePrecision() {
        Random rnd = new Random(4242);
        List<Case> cases = new ArrayList<>();
        while (cases.size() < 160) {
            Case c = randomCase(rnd);
            if (c.valid() && c.macs() <= 400_000) {
                cases.add(c);
            }
        }
        cases.sort(Comparator.comparingLong(Case::macs)); // warm the JIT on small ones first
        Map<String, Set<Integer>> seen = new HashMap<>();
        Set<Activation.Kind> acts = EnumSet.noneOf(Activation.Kind.class);
        Set<String> flags = new HashSet<>();
        for (Case c : cases) {
            check(c, rnd);
            seen.computeIfAbsent("kernel", x -> new HashSet<>()).add(c.kh());
            seen.computeIfAbsent("kernel", x -> new HashSet<>()).add(c.kw());
            seen.computeIfAbsent("size", x -> new HashSet<>()).add(c.h());
            seen.computeIfAbsent("size", x -> new HashSet<>()).add(c.w());
            seen.computeIfAbsent("channels", x -> new HashSet<>()).add(c.inC() / c.group());
            seen.computeIfAbsent("channels", x -> new HashSet<>()).add(c.outC() / c.group());
            seen.computeIfAbsent("stride", x -> new HashSet<>()).add(c.sh());
            seen.computeIfAbsent("dilation", x -> new HashSet<>()).add(c.dh());
            seen.computeIfAbsent("batch", x -> new HashSet<>()).add(c.batch());
            seen.computeIfAbsent("threads", x -> new HashSet<>()).add(c.threads());
            acts.add(c.act().kind());
            flags.add(c.group() == 1 ? "group1" : c.group() == c.inC() ? "groupC" : "group2");
            flags.add(c.pt() == c.pb() && c.pl() == c.pr() && c.pt() == c.pl() ? "padSym" : "padAsym");
            flags.add("bias" + c.bias());
            flags.add(c.path());
        }
        assertTrue(seen.get("kernel").containsAll(Set.of(1, 3, 5, 7)), "kernels " + seen.get("kernel"));
        assertEquals(Set.of(1, 5, 17, 31), seen.get("size"));
        assertTrue(seen.get("channels").containsAll(Set.of(1, 3, 13, 17, 33)), "channels " + seen.get("channels"));
        assertEquals(Set.of(1, 2), seen.get("stride"));
        assertEquals(Set.of(1, 2), seen.get("dilation"));
        assertEquals(Set.of(1, 3), seen.get("batch"));
        assertEquals(Set.of(1, 2), seen.get("threads"));
        assertEquals(EnumSet.allOf(Activation.Kind.class), acts);
        assertEquals(Set.of("group1", "group2", "groupC", "padSym", "padAsym", "biastrue", "biasfalse",
                "fully-connected", "pointwise", "few-inputs", "im2col-same-width", "im2col-stride2", "im2col-runs"), flags);
    }

    private static Case randomCase(Random rnd) {
        int groupKind = rnd.nextInt(4); // 0,1: group 1; 2: group 2; 3: group = C
        int cIn = CHANNELS[rnd.nextInt(CHANNELS.length)];
        int cOut = CHANNELS[rnd.nextInt(CHANNELS.length)];
        int group = 1;
        if (groupKind == 2) {
            group = 2;
            cIn *= 2;
            cOut *= 2;
        } else if (groupKind == 3) {
            group = cIn;
            cOut = cIn * (1 + rnd.nextInt(2));
        }
        int k = KERNELS[rnd.nextInt(KERNELS.length)];
        int kw = rnd.nextInt(5) == 0 ? KERNELS[rnd.nextInt(KERNELS.length)] : k;
        int h = SIZES[rnd.nextInt(SIZES.length)];
        int w = rnd.nextInt(3) == 0 ? SIZES[rnd.nextInt(SIZES.length)] : h;
        int stride = 1 + rnd.nextInt(2);
        int dilation = rnd.nextInt(3) == 0 ? 2 : 1;
        int pt;
        int pl;
        int pb;
        int pr;
        switch (rnd.nextInt(3)) {
            case 0 -> { pt = 0; pl = 0; pb = 0; pr = 0; }
            case 1 -> { pt = dilation * (k - 1) / 2; pl = pt; pb = pt; pr = pt; }
            default -> { pt = rnd.nextInt(4); pl = rnd.nextInt(4); pb = rnd.nextInt(4); pr = rnd.nextInt(4); }
        }
        if (rnd.nextInt(8) == 0 && group == 1) { // a kernel covering the whole input
            k = h;
            kw = w;
            pt = 0; pl = 0; pb = 0; pr = 0;
            dilation = 1;
        }
        return new Case(rnd.nextInt(3) == 0 ? 3 : 1, cIn, cOut, h, w, k, kw, stride, rnd.nextInt(4) == 0 ? 3 - stride : stride,
                dilation, dilation, pt, pl, pb, pr, group, rnd.nextBoolean(),
                ACTIVATIONS[rnd.nextInt(ACTIVATIONS.length)], 1 + rnd.nextInt(2));
    }

    /**
     * The direct kernel for first layers: 1 to 3 input channels, output channel counts around its
     * block of 8, rows shorter and longer than a vector, every stride phase layout, pads, dilation.
     */
    @Test
    void fewInputsSweep() {
        Random rnd = new Random(77);
        int[] outChannels = {1, 3, 8, 13, 17};
        int[] sizes = {1, 3, 13, 17, 40};
        int checked = 0;
        Set<String> seen = new HashSet<>();
        while (checked < 120) {
            int cin = 1 + rnd.nextInt(3);
            int kh = 1 + 2 * rnd.nextInt(3);
            int kw = rnd.nextInt(4) == 0 ? 1 + 2 * rnd.nextInt(3) : kh;
            int h = sizes[rnd.nextInt(sizes.length)];
            int w = sizes[rnd.nextInt(sizes.length)];
            int sh = 1 + rnd.nextInt(3);
            int sw = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(3) : sh;
            int d = rnd.nextInt(3) == 0 ? 2 : 1;
            int pt = rnd.nextInt(3);
            int pl = rnd.nextInt(3);
            int pb = rnd.nextBoolean() ? pt : rnd.nextInt(3);
            int pr = rnd.nextBoolean() ? pl : rnd.nextInt(3);
            Case c = new Case(rnd.nextInt(3) == 0 ? 2 : 1, cin, outChannels[rnd.nextInt(outChannels.length)], h, w,
                    kh, kw, sh, sw, d, d, pt, pl, pb, pr, 1, rnd.nextBoolean(),
                    ACTIVATIONS[rnd.nextInt(ACTIVATIONS.length)], 1 + rnd.nextInt(2));
            if (!c.valid() || !c.path().equals("few-inputs")) {
                continue;
            }
            check(c, rnd);
            seen.add("stride" + sw);
            seen.add("out" + c.outC());
            seen.add(c.params().outWidth() % 16 == 0 ? "whole vectors" : "tail");
            checked++;
        }
        assertTrue(seen.containsAll(Set.of("stride1", "stride2", "stride3", "out1", "out8", "out17", "tail")), seen.toString());
    }

    @Test
    void faceModelLayers() {
        Random rnd = new Random(5);
        // MobileFaceNet's stem (3x3 s2, on a smaller image), a pointwise layer, its last linear layer on 1x1
        check(new Case(1, 3, 64, 48, 48, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1, true, ACTIVATIONS[4], 2), rnd);
        // UltraFace's stem: 3 -> 16 channels, 3x3 stride 2, ReLU
        check(new Case(1, 3, 16, 60, 80, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1, true, ACTIVATIONS[1], 2), rnd);
        check(new Case(1, 64, 128, 28, 28, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, true, ACTIVATIONS[4], 2), rnd);
        check(new Case(1, 512, 128, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, true, Activation.NONE, 1), rnd);
        // fr_detect's dilated 3x3 head
        check(new Case(1, 16, 16, 20, 15, 3, 3, 1, 1, 5, 5, 5, 5, 5, 5, 1, true, ACTIVATIONS[1], 2), rnd);
    }

    @Test
    void dynamicBatch() {
        Random rnd = new Random(11);
        float[] w = randomFloats(rnd, 8 * 3 * 3 * 3);
        float[] b = randomFloats(rnd, 8);
        for (boolean vector : new boolean[] {false, true}) {
            List<Input> declared = List.of(new Input("x", new long[] {Shape.DYNAMIC, 3, 9, 10}, new float[0], false),
                    Input.constant("w", w, 8, 3, 3, 3), Input.constant("b", b, 8));
            Map<String, Attribute> a = attrs("pads", new long[] {1, 1, 1, 1}, "strides", new long[] {2, 2});
            Kernel kernel = Conv.create(OpTesting.spec("Conv", a, declared, new long[] {Shape.DYNAMIC, 8, 5, 5}, vector));
            for (int batch : new int[] {1, 3}) {
                Case c = new Case(batch, 3, 8, 9, 10, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1, true, Activation.NONE, 2);
                float[] x = randomFloats(rnd, batch * 270);
                List<Input> in = List.of(Input.runtime("x", x, batch, 3, 9, 10), declared.get(1), declared.get(2));
                float[] y = OpTesting.run(kernel, in, batch * 200, new TestParallel(2));
                assertClose(expected(c, x, w, b, null), y, 1e-4, "batch " + batch + " vector=" + vector);
            }
        }
    }

    @Test
    void runTimeWeightsUseTheReference() {
        Random rnd = new Random(12);
        Case c = new Case(1, 4, 6, 7, 7, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 2, true, ACTIVATIONS[4], 1);
        float[] x = randomFloats(rnd, 4 * 49);
        float[] w = randomFloats(rnd, 6 * 2 * 9);
        float[] b = randomFloats(rnd, 6);
        float[] s = randomFloats(rnd, 6);
        List<Input> in = List.of(Input.runtime("x", x, 1, 4, 7, 7), Input.runtime("w", w, 6, 2, 3, 3),
                Input.runtime("b", b, 6), Input.runtime("s", s, 6));
        KernelSpec spec = OpTesting.spec("Conv", convAttrs(c), in, new long[] {1, 6, 7, 7}, true);
        float[] y = OpTesting.run(Conv.create(spec), in, 6 * 49, Parallel.SEQUENTIAL);
        assertClose(expected(c, x, w, b, s), y, 1e-4, "run-time weights");
    }

    @Test
    void rejectsWhatItCannotRun() {
        List<Input> in = List.of(Input.runtime("x", new float[48], 1, 3, 4, 4), Input.constant("w", new float[54], 2, 3, 3, 3));
        assertThrows(UnsupportedOperatorException.class, () -> Conv.create(
                OpTesting.spec("Conv", attrs("auto_pad", "SAME_UPPER"), in, new long[] {1, 2, 4, 4}, true)));
        List<Input> wrongChannels = List.of(in.get(0), Input.constant("w", new float[36], 2, 2, 3, 3));
        assertThrows(InvalidGraphException.class, () -> Conv.create(
                OpTesting.spec("Conv", Map.of(), wrongChannels, new long[] {1, 2, 2, 2}, true)));
        assertThrows(InvalidGraphException.class, () -> Conv.create(
                OpTesting.spec("Conv", attrs("activation", "PRelu"), in, new long[] {1, 2, 2, 2}, true)));
        List<Input> badBias = List.of(in.get(0), in.get(1), Input.constant("b", new float[3], 3));
        assertThrows(InvalidGraphException.class, () -> Conv.create(
                OpTesting.spec("Conv", Map.of(), badBias, new long[] {1, 2, 2, 2}, true)));
        assertThrows(InvalidGraphException.class, () -> Conv.create(
                OpTesting.spec("Conv", attrs("pads", new long[] {0, 0, 0}), in, new long[] {1, 2, 2, 2}, true)));
        assertThrows(InvalidGraphException.class, () -> Conv.create(
                OpTesting.spec("Conv", attrs("strides", new long[] {0, 1}), in, new long[] {1, 2, 2, 2}, true)));
        assertThrows(InvalidGraphException.class, () -> Conv.create( // kernel larger than the input
                OpTesting.spec("Conv", attrs("dilations", new long[] {3, 3}), in, new long[] {1, 2, 1, 1}, true)));
        List<Input> oneD = List.of(Input.runtime("x", new float[12], 1, 3, 4), Input.constant("w", new float[18], 2, 3, 3));
        assertThrows(UnsupportedOperatorException.class, () -> Conv.create(
                OpTesting.spec("Conv", Map.of(), oneD, new long[] {1, 2, 2}, true)));
        for (boolean vector : new boolean[] {false, true}) {
            Kernel k = Conv.create(OpTesting.spec("Conv", Map.of(), in, new long[] {1, 2, 2, 2}, vector));
            List<Input> wrongSize = List.of(Input.runtime("x", new float[40], 1, 40), in.get(1));
            assertThrows(IllegalArgumentException.class, () -> OpTesting.run(k, wrongSize, 8, Parallel.SEQUENTIAL));
        }
    }

    static Map<String, Attribute> convAttrs(Case c) {
        Map<String, Attribute> a = new HashMap<>(attrs("kernel_shape", new long[] {c.kh(), c.kw()},
                "strides", new long[] {c.sh(), c.sw()}, "dilations", new long[] {c.dh(), c.dw()},
                "pads", new long[] {c.pt(), c.pl(), c.pb(), c.pr()}, "group", c.group()));
        switch (c.act().kind()) {
            case NONE -> { }
            case RELU -> a.putAll(attrs("activation", "Relu"));
            case CLIP -> a.putAll(attrs("activation", "Clip", "activation_min", c.act().min(),
                    "activation_max", c.act().max()));
            case LEAKY_RELU -> a.putAll(attrs("activation", "LeakyRelu", "activation_alpha", c.act().alpha()));
            case PRELU -> a.putAll(attrs("activation", "PRelu"));
            case SIGMOID -> a.putAll(attrs("activation", "Sigmoid"));
        }
        return a;
    }

    private static void check(Case c, Random rnd) {
        ConvParams p = c.params();
        float[] x = randomFloats(rnd, c.batch() * c.inC() * c.h() * c.w());
        float[] w = randomFloats(rnd, c.outC() * (c.inC() / c.group()) * c.kh() * c.kw());
        float[] b = c.bias() ? randomFloats(rnd, c.outC()) : null;
        boolean prelu = c.act().kind() == Activation.Kind.PRELU;
        float[] s = prelu ? randomFloats(rnd, rnd.nextInt(4) == 0 ? 1 : c.outC()) : null;
        List<Input> in = new ArrayList<>();
        in.add(Input.runtime("x", x, c.batch(), c.inC(), c.h(), c.w()));
        in.add(Input.constant("w", w, c.outC(), c.inC() / c.group(), c.kh(), c.kw()));
        in.add(b == null ? null : Input.constant("b", b, c.outC()));
        if (prelu) {
            in.add(Input.constant("s", s, s.length));
        }
        long[] outShape = {c.batch(), c.outC(), p.outHeight(), p.outWidth()};
        int outCount = (int) Shape.of(outShape).elementCount();
        float[] expected = expected(c, x, w, b, s);
        for (boolean vector : new boolean[] {false, true}) {
            KernelSpec spec = OpTesting.spec("Conv", convAttrs(c), in, outShape, vector);
            float[] y = OpTesting.run(Conv.create(spec), in, outCount, new TestParallel(c.threads()));
            assertClose(expected, y, 1e-4, c + " " + c.path() + " vector=" + vector);
        }
    }

    /** The convolution written out in double. */
    static float[] expected(Case c, float[] x, float[] w, float[] b, float[] s) {
        ConvParams p = c.params();
        int oh = p.outHeight();
        int ow = p.outWidth();
        int cg = c.inC() / c.group();
        int og = c.outC() / c.group();
        float[] y = new float[c.batch() * c.outC() * oh * ow];
        for (int n = 0; n < c.batch(); n++) {
            for (int oc = 0; oc < c.outC(); oc++) {
                int g = oc / og;
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double acc = b == null ? 0 : b[oc];
                        for (int ic = 0; ic < cg; ic++) {
                            for (int ky = 0; ky < c.kh(); ky++) {
                                for (int kx = 0; kx < c.kw(); kx++) {
                                    int iy = oy * c.sh() - c.pt() + ky * c.dh();
                                    int ix = ox * c.sw() - c.pl() + kx * c.dw();
                                    if (iy >= 0 && iy < c.h() && ix >= 0 && ix < c.w()) {
                                        acc += (double) x[((n * c.inC() + g * cg + ic) * c.h() + iy) * c.w() + ix]
                                                * w[((oc * cg + ic) * c.kh() + ky) * c.kw() + kx];
                                    }
                                }
                            }
                        }
                        float slope = s == null ? 0f : s[s.length == 1 ? 0 : oc];
                        y[((n * c.outC() + oc) * oh + oy) * ow + ox] = c.act().apply((float) acc, slope);
                    }
                }
            }
        }
        return y;
    }
}
