package io.jdeepface.engine.ops.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.activation.Activation;
import io.jdeepface.engine.ops.activation.Floats;
import io.jdeepface.engine.ops.activation.TestThreads;
import io.jdeepface.engine.tensor.Shape;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Depthwise convolution: the reference and the vector kernels against an independent definition
 * (explicitly zero-padded input, double accumulation) over the geometry of every face model we run
 * and the awkward cases around them (tails of the vector width, asymmetric pads, dilation, multiplier).
 */
class DepthwiseConvTest {
    static final List<Activation> ACTIVATIONS = List.of(
            Activation.NONE,
            new Activation(Activation.Kind.RELU, 0, 0, 0),
            new Activation(Activation.Kind.CLIP, 0, 0f, 6f),
            new Activation(Activation.Kind.LEAKY_RELU, 0.1f, 0, 0),
            new Activation(Activation.Kind.PRELU, 0, 0, 0),
            new Activation(Activation.Kind.SIGMOID, 0, 0, 0));

    /** One convolution to test. Pads are top, left, bottom, right. */
    record Case(int batch, int channels, int multiplier, int height, int width, int kernel, int stride,
                int dilation, int[] pads, boolean bias, Activation activation) {

        ConvParams params() {
            return new ConvParams(batch, channels, height, width, channels * multiplier, kernel, kernel,
                    stride, stride, dilation, dilation, pads[0], pads[1], pads[2], pads[3],
                    channels, bias, activation);
        }

        @Override
        public String toString() {
            return "N" + batch + " C" + channels + "x" + multiplier + " " + height + "x" + width + " k" + kernel
                    + " s" + stride + " d" + dilation + " pads" + java.util.Arrays.toString(pads)
                    + (bias ? " bias " : " ") + activation.kind();
        }
    }

    /** The test's own definition: pad with zeros explicitly, accumulate in double, then activate. */
    static double[][] expected(Case c, float[] x, float[] w, float[] b, float[] slope) {
        ConvParams p = c.params();
        int ph = c.height + c.pads[0] + c.pads[2];
        int pw = c.width + c.pads[1] + c.pads[3];
        int oh = p.outHeight();
        int ow = p.outWidth();
        int cout = p.outChannels();
        double[] want = new double[c.batch * cout * oh * ow];
        double[] magnitude = new double[want.length];
        for (int n = 0; n < c.batch; n++) {
            for (int oc = 0; oc < cout; oc++) {
                int ic = oc / c.multiplier;
                double[] padded = new double[ph * pw];
                for (int y = 0; y < c.height; y++) {
                    for (int xx = 0; xx < c.width; xx++) {
                        padded[(y + c.pads[0]) * pw + xx + c.pads[1]] =
                                x[((n * c.channels + ic) * c.height + y) * c.width + xx];
                    }
                }
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double acc = c.bias ? b[oc] : 0;
                        double mag = Math.abs(acc);
                        for (int ky = 0; ky < c.kernel; ky++) {
                            for (int kx = 0; kx < c.kernel; kx++) {
                                double term = padded[(oy * c.stride + ky * c.dilation) * pw
                                        + ox * c.stride + kx * c.dilation] * w[(oc * c.kernel + ky) * c.kernel + kx];
                                acc += term;
                                mag += Math.abs(term);
                            }
                        }
                        int i = ((n * cout + oc) * oh + oy) * ow + ox;
                        want[i] = activate(c.activation, acc, slope[oc]);
                        magnitude[i] = mag;
                    }
                }
            }
        }
        return new double[][] {want, magnitude};
    }

    static double activate(Activation a, double v, double slope) {
        return switch (a.kind()) {
            case NONE -> v;
            case RELU -> Math.max(v, 0);
            case CLIP -> Math.min(Math.max(v, a.min()), a.max());
            case LEAKY_RELU -> v >= 0 ? v : v * a.alpha();
            case PRELU -> v >= 0 ? v : v * slope;
            case SIGMOID -> 1 / (1 + Math.exp(-v));
        };
    }

    static float[] random(Random r, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (r.nextFloat() * 2 - 1) * scale;
        }
        return v;
    }

    static Initializer weights(Case c) {
        int cout = c.channels * c.multiplier;
        return Initializer.ofFloats("w", Shape.of(cout, 1, c.kernel, c.kernel), new float[cout * c.kernel * c.kernel]);
    }

    /** Runs the reference and the vector kernel on {@code c} and checks both against {@link #expected}. */
    static void check(Case c, Parallel parallel, long seed) {
        ConvParams p = c.params();
        Random r = new Random(seed);
        int cout = p.outChannels();
        float[] x = random(r, c.batch * c.channels * c.height * c.width, 1f);
        float[] w = random(r, cout * c.kernel * c.kernel, 1f);
        float[] b = random(r, cout, 0.5f);
        float[] slope = random(r, cout, 0.5f);
        Initializer wi = Initializer.ofFloats("w", Shape.of(cout, 1, c.kernel, c.kernel), w);
        Initializer bi = c.bias ? Initializer.ofFloats("b", Shape.of(cout), b) : null;
        Initializer si = c.activation.kind() == Activation.Kind.PRELU
                ? Initializer.ofFloats("slope", Shape.of(cout), slope) : null;
        double[][] want = expected(c, x, w, b, slope);
        for (boolean vector : new boolean[] {false, true}) {
            Kernel k = DepthwiseConv.create(p, wi, bi, si, vector);
            MemorySegment y = Floats.segment(new float[want[0].length]);
            k.run(new MemorySegment[] {Floats.segment(x), MemorySegment.NULL, MemorySegment.NULL},
                    new MemorySegment[] {y}, parallel);
            float[] got = Floats.array(y);
            for (int i = 0; i < got.length; i++) {
                double tol = 1e-5 * want[1][i] + 2e-6 * Math.abs(want[0][i]) + 1e-30;
                if (!(Math.abs(got[i] - want[0][i]) <= tol)) {
                    throw new AssertionError((vector ? "vector " : "reference ") + c + " " + parallel
                            + ": output " + i + " is " + got[i] + ", want " + want[0][i]);
                }
            }
        }
    }

    static int[] pads(String mode, int in, int kernel, int stride, int dilation) {
        int reach = (kernel - 1) * dilation + 1;
        return switch (mode) {
            case "valid" -> new int[] {0, 0, 0, 0};
            case "symmetric" -> new int[] {reach / 2, reach / 2, reach / 2, reach / 2};
            case "same" -> { // TensorFlow SAME: the extra pad goes to the end (bottom/right)
                int out = (in + stride - 1) / stride;
                int total = Math.max((out - 1) * stride + reach - in, 0);
                yield new int[] {total / 2, total / 2, total - total / 2, total - total / 2};
            }
            default -> new int[] {1, 0, 0, 2}; // lopsided: top and right only
        };
    }

    @Test
    void sweepAgainstDefinition() {
        int[] sizes = {1, 2, 5, 17, 31, 112};
        int[] channels = {1, 3, 13, 17, 33};
        Random r = new Random(42);
        int cases = 0;
        for (int kernel : new int[] {3, 5, 7}) {
            for (int stride : new int[] {1, 2}) {
                for (int dilation : new int[] {1, 2}) {
                    for (String mode : new String[] {"valid", "symmetric", "same", "lopsided"}) {
                        for (int width : sizes) {
                            int height = width == 112 ? sizes[r.nextInt(4)] : sizes[r.nextInt(sizes.length)];
                            boolean big = width * height > 2000;
                            int c = big ? channels[r.nextInt(2)] : channels[r.nextInt(channels.length)];
                            int batch = big ? 1 : 1 + 2 * r.nextInt(2);
                            int[] pads = pads(mode, width, kernel, stride, dilation);
                            Case tc = new Case(batch, c, 1 + r.nextInt(2), height, width, kernel, stride, dilation,
                                    pads, r.nextBoolean(), ACTIVATIONS.get(r.nextInt(ACTIVATIONS.size())));
                            int reach = (kernel - 1) * dilation + 1;
                            if (width + pads[1] + pads[3] < reach || height + pads[0] + pads[2] < reach) {
                                // the window does not fit: not a convolution, and rejected at create
                                assertThrows(IllegalArgumentException.class, () -> DepthwiseConv.create(
                                        tc.params(), weights(tc), null, null, true));
                                continue;
                            }
                            check(tc, TestThreads.BOTH.get(cases % 2), cases);
                            cases++;
                        }
                    }
                }
            }
        }
        assertTrue(cases > 150, "only " + cases + " cases ran");
    }

    @Test
    void everyActivationOnEachKernelVariant() {
        for (int kernel : new int[] {3, 5, 4}) { // 4: the general vector kernel
            for (int stride : kernel == 4 ? new int[] {1, 2, 3} : new int[] {1, 2}) {
                for (Activation a : ACTIVATIONS) {
                    Case c = new Case(2, 5, 2, 20, 37, kernel, stride, 1, new int[] {1, 2, 2, 1}, true, a);
                    for (Parallel p : TestThreads.BOTH) {
                        check(c, p, kernel * 100 + stride);
                    }
                }
            }
        }
    }

    @Test
    void everyChannelCountAndMultiplier() {
        for (int channels : new int[] {1, 3, 13, 17, 33}) {
            for (int multiplier : new int[] {1, 2, 3}) {
                for (Parallel p : TestThreads.BOTH) {
                    check(new Case(3, channels, multiplier, 9, 20, 3, 1, 1, new int[] {1, 1, 1, 1}, true,
                            ACTIVATIONS.get(1)), p, channels * 10 + multiplier);
                }
            }
        }
    }

    @Test
    void faceModelGeometries() {
        Activation prelu = new Activation(Activation.Kind.PRELU, 0, 0, 0);
        Activation relu = new Activation(Activation.Kind.RELU, 0, 0, 0);
        List<Case> cases = List.of(
                // MobileFaceNet: 3x3 s1 and s2 with pad 1, PRelu; the 7x7 global depthwise conv
                new Case(1, 64, 1, 56, 56, 3, 1, 1, new int[] {1, 1, 1, 1}, true, prelu),
                new Case(1, 16, 1, 112, 112, 3, 2, 1, new int[] {1, 1, 1, 1}, true, prelu),
                new Case(1, 64, 1, 7, 7, 7, 1, 1, new int[] {0, 0, 0, 0}, true, Activation.NONE),
                // BlazeFace: 5x5 s1 pad 2 on 128; 5x5 s2 with TF SAME pads (extra pad at the end)
                new Case(1, 24, 1, 64, 64, 5, 1, 1, new int[] {2, 2, 2, 2}, true, Activation.NONE),
                new Case(1, 24, 1, 128, 128, 5, 2, 1, new int[] {1, 1, 2, 2}, true, relu),
                new Case(1, 8, 1, 256, 256, 3, 2, 1, new int[] {0, 0, 1, 1}, true, Activation.NONE),
                // planes over the activation's batching run (2048 floats), odd heights: the last run is partial
                new Case(1, 3, 1, 51, 61, 3, 1, 1, new int[] {1, 1, 1, 1}, true, prelu),
                new Case(1, 3, 2, 99, 47, 3, 2, 1, new int[] {1, 1, 1, 1}, true, relu));
        for (Case c : cases) {
            check(c, TestThreads.TWO, c.channels);
        }
    }

    @Test
    void weightsAreCapturedAtCreate() {
        // inputs 1..3 of the node (W, B, slope) are ignored at run time: the kernel uses the packed copies
        Case c = new Case(1, 2, 1, 4, 4, 3, 1, 1, new int[] {1, 1, 1, 1}, false, Activation.NONE);
        Initializer w = Initializer.ofFloats("w", Shape.of(2, 1, 3, 3), new float[18]);
        float[] ones = new float[16];
        java.util.Arrays.fill(ones, 1f);
        float[] x = new float[32];
        java.util.Arrays.fill(x, 1f);
        for (boolean vector : new boolean[] {false, true}) {
            Kernel k = DepthwiseConv.create(c.params(), w, null, null, vector);
            MemorySegment y = Floats.segment(ones);
            y = Floats.segment(new float[32]);
            k.run(new MemorySegment[] {Floats.segment(x), Floats.segment(ones)}, new MemorySegment[] {y},
                    Parallel.SEQUENTIAL);
            for (float v : Floats.array(y)) {
                assertEquals(0f, v);
            }
        }
    }

    @Test
    void rejectsWhatIsNotADepthwiseConvolution() {
        Initializer w = Initializer.ofFloats("w", Shape.of(4, 1, 3, 3), new float[36]);
        ConvParams grouped = new ConvParams(1, 4, 8, 8, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 2, false, Activation.NONE);
        assertThrows(IllegalArgumentException.class, () -> DepthwiseConv.create(grouped, w, null, null, true));

        ConvParams p = new ConvParams(1, 4, 8, 8, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 4, false, Activation.NONE);
        Initializer wrongShape = Initializer.ofFloats("w", Shape.of(4, 1, 9, 1), new float[36]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DepthwiseConv.create(p, wrongShape, null, null, true));
        assertTrue(e.getMessage().contains("[4x1x3x3]"), e.getMessage());

        ConvParams prelu = new ConvParams(1, 4, 8, 8, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 4, false,
                new Activation(Activation.Kind.PRELU, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> DepthwiseConv.create(prelu, w, null, null, false));

        Kernel k = DepthwiseConv.create(p, w, null, null, true);
        MemorySegment small = Floats.segment(new float[10]);
        assertThrows(IllegalArgumentException.class, () -> k.run(new MemorySegment[] {small},
                new MemorySegment[] {Floats.segment(new float[256])}, Parallel.SEQUENTIAL));
    }
}
