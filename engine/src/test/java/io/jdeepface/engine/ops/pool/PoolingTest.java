package io.jdeepface.engine.ops.pool;

import static io.jdeepface.engine.ops.KernelHarness.PARALLELS;
import static io.jdeepface.engine.ops.KernelHarness.assertBitsEqual;
import static io.jdeepface.engine.ops.KernelHarness.assertClose;
import static io.jdeepface.engine.ops.KernelHarness.count;
import static io.jdeepface.engine.ops.KernelHarness.randomFloats;
import static io.jdeepface.engine.ops.KernelHarness.run;
import static io.jdeepface.engine.ops.KernelHarness.spec;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.graph.InvalidGraphException;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelHarness;
import io.jdeepface.engine.ops.UnsupportedOperatorException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PoolingTest {

    /** One 2-D pooling configuration. pads = {top, left, bottom, right}. */
    record Config(boolean max, boolean includePad, boolean ceil, int kernel, int stride, int dilation, int[] pads) {
        int outSize(int in, int padBegin, int padEnd) {
            int span = in + padBegin + padEnd - ((kernel - 1) * dilation + 1);
            if (span < 0) {
                return -1;
            }
            return (ceil ? (span + stride - 1) / stride : span / stride) + 1;
        }

        KernelHarness.SpecBuilder builder(int n, int c, int h, int w, int oh, int ow) {
            KernelHarness.SpecBuilder b = spec(max ? "MaxPool" : "AveragePool").input(n, c, h, w).output(n, c, oh, ow)
                    .attr("kernel_shape", new long[] {kernel, kernel})
                    .attr("strides", new long[] {stride, stride})
                    .attr("pads", Arrays.stream(pads).asLongStream().toArray())
                    .attr("ceil_mode", ceil ? 1 : 0);
            if (max) {
                b.attr("dilations", new long[] {dilation, dilation});
            } else {
                b.attr("count_include_pad", includePad ? 1 : 0);
            }
            return b;
        }
    }

    /**
     * The ONNX definition, independently: a window position counts if it is inside the input; for
     * count_include_pad also if it is inside the explicit padding (not the ceil_mode overhang).
     */
    static float[] oracle(Config cfg, int n, int c, int h, int w, float[] x, int oh, int ow) {
        float[] out = new float[n * c * oh * ow];
        int[] p = cfg.pads;
        for (int plane = 0; plane < n * c; plane++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double acc = cfg.max ? -Float.MAX_VALUE : 0;
                    int valid = 0;
                    int padded = 0;
                    for (int ky = 0; ky < cfg.kernel; ky++) {
                        for (int kx = 0; kx < cfg.kernel; kx++) {
                            int iy = oy * cfg.stride - p[0] + ky * cfg.dilation;
                            int ix = ox * cfg.stride - p[1] + kx * cfg.dilation;
                            boolean inside = iy >= 0 && iy < h && ix >= 0 && ix < w;
                            boolean inPadding = iy >= -p[0] && iy < h + p[2] && ix >= -p[1] && ix < w + p[3];
                            if (inPadding) {
                                padded++;
                            }
                            if (inside) {
                                valid++;
                                float v = x[(plane * h + iy) * w + ix];
                                acc = cfg.max ? Math.max(acc, v) : acc + v;
                            }
                        }
                    }
                    float r;
                    if (cfg.max) {
                        r = (float) acc;
                    } else {
                        r = valid == 0 ? 0f : (float) (acc / (cfg.includePad ? padded : valid));
                    }
                    out[(plane * oh + oy) * ow + ox] = r;
                }
            }
        }
        return out;
    }

    private static final int[][] PADS = {{0, 0, 0, 0}, {1, 1, 1, 1}, {0, 1, 2, 0}, {2, 0, 1, 2}};
    private static final int[][] INPUTS = {{1, 2, 17, 33}, {3, 1, 13, 13}, {1, 1, 3, 5}, {1, 1, 1, 19}};

    @Test
    void matchesTheDefinitionOverKernelsStridesPadsAndModes() {
        long seed = 1;
        int configs = 0;
        for (boolean max : new boolean[] {true, false}) {
            for (int kernel : new int[] {2, 3, 5}) {
                for (int stride : new int[] {1, 2, 3}) {
                    for (int[] pads : PADS) {
                        for (boolean ceil : new boolean[] {false, true}) {
                            for (int variant : new int[] {1, 2}) { // dilation for max, include_pad for average
                                Config cfg = new Config(max, !max && variant == 2, ceil, kernel, stride,
                                        max ? variant : 1, pads);
                                // each configuration on two of the input shapes, rotating through them
                                for (int j = 0; j < 2; j++) {
                                    if (check(cfg, INPUTS[(int) ((seed + 2 * j) % INPUTS.length)], seed++)) {
                                        configs++;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        assertTrue(configs > 400, "only " + configs + " configurations ran");
    }

    /** Runs one configuration in both modes; false when the kernel does not fit the input. */
    private static boolean check(Config cfg, int[] in, long seed) {
        int n = in[0], c = in[1], h = in[2], w = in[3];
        int oh = cfg.outSize(h, cfg.pads[0], cfg.pads[2]);
        int ow = cfg.outSize(w, cfg.pads[1], cfg.pads[3]);
        if (oh <= 0 || ow <= 0) {
            return false;
        }
        float[] x = randomFloats(n * c * h * w, seed);
        float[] expected = oracle(cfg, n, c, h, w, x, oh, ow);
        float[] scalar = null;
        for (boolean vector : new boolean[] {false, true}) {
            Kernel k = Pooling.create(cfg.builder(n, c, h, w, oh, ow).build(vector));
            float[] got = run(k, Parallel.SEQUENTIAL, expected.length, x);
            String what = cfg + " input " + Arrays.toString(in) + " vector=" + vector;
            if (cfg.max) {
                assertBitsEqual(expected, got, what);
            } else {
                assertClose(expected, got, 1e-5, what);
            }
            if (vector && cfg.max) {
                assertBitsEqual(scalar, got, what + " vs scalar");
            }
            scalar = got;
        }
        return true;
    }

    @Test
    void facePatternsOnLargerPlanesWithOneAndTwoThreads() {
        int splitsBefore = KernelHarness.splits();
        Config[] patterns = {
                new Config(true, false, false, 3, 2, 1, new int[] {1, 1, 1, 1}),   // ResNet stem
                new Config(true, false, false, 2, 2, 1, new int[] {0, 0, 0, 0}),   // BlazeFace, 2x2/2
                new Config(false, false, false, 2, 2, 1, new int[] {0, 0, 0, 0}),  // 2x2 average
                new Config(false, true, true, 3, 1, 1, new int[] {1, 1, 1, 1}),    // 3x3/1 average
                new Config(true, false, true, 3, 2, 1, new int[] {0, 0, 0, 0}),    // ceil-mode max
                new Config(false, false, false, 8, 8, 1, new int[] {0, 0, 0, 0}),  // 8x8/8
        };
        int n = 2, c = 16, h = 67, w = 70;
        float[] x = randomFloats(n * c * h * w, 42);
        for (Config cfg : patterns) {
            int oh = cfg.outSize(h, cfg.pads[0], cfg.pads[2]);
            int ow = cfg.outSize(w, cfg.pads[1], cfg.pads[3]);
            float[] expected = oracle(cfg, n, c, h, w, x, oh, ow);
            for (boolean vector : new boolean[] {false, true}) {
                Kernel k = Pooling.create(cfg.builder(n, c, h, w, oh, ow).build(vector));
                for (Parallel p : PARALLELS) {
                    float[] got = run(k, p, expected.length, x);
                    assertClose(expected, got, cfg.max ? 0 : 1e-5, cfg + " vector=" + vector + " threads=" + p.threads());
                }
            }
        }
        KernelHarness.assertSplitSince(splitsBefore);
    }

    @Test
    void oneDimensionalPoolingRunsAsHeightOne() {
        float[] x = randomFloats(2 * 3 * 17, 5);
        // kernel 3, stride 2, pads 1/0: out = (17 + 1 - 3) / 2 + 1 = 8
        for (boolean max : new boolean[] {true, false}) {
            float[] expected = new float[6 * 8];
            for (int plane = 0; plane < 6; plane++) {
                for (int ox = 0; ox < 8; ox++) {
                    double acc = max ? -Float.MAX_VALUE : 0;
                    int valid = 0;
                    for (int ix = ox * 2 - 1; ix < ox * 2 + 2; ix++) {
                        if (ix >= 0 && ix < 17) {
                            acc = max ? Math.max(acc, x[plane * 17 + ix]) : acc + x[plane * 17 + ix];
                            valid++;
                        }
                    }
                    expected[plane * 8 + ox] = (float) (max ? acc : acc / valid);
                }
            }
            for (boolean vector : new boolean[] {false, true}) {
                Kernel k = Pooling.create(spec(max ? "MaxPool" : "AveragePool").input(2, 3, 17).output(2, 3, 8)
                        .attr("kernel_shape", new long[] {3}).attr("strides", new long[] {2})
                        .attr("pads", new long[] {1, 0}).build(vector));
                assertClose(expected, run(k, Parallel.SEQUENTIAL, expected.length, x), 1e-6, "1-D max=" + max);
            }
        }
    }

    @Test
    void autoPadSameMatchesExplicitPads() {
        float[] x = randomFloats(2 * 9 * 10, 6);
        // SAME_UPPER, kernel 3, stride 2 on 9x10: out 5x5; pad needed 2 rows (1/1) and 1 column (0/1)
        Config explicit = new Config(true, false, false, 3, 2, 1, new int[] {1, 0, 1, 1});
        float[] expected = oracle(explicit, 1, 2, 9, 10, x, 5, 5);
        // SAME_LOWER puts the odd pad first: columns 1/0
        Config lower = new Config(true, false, false, 3, 2, 1, new int[] {1, 1, 1, 0});
        float[] expectedLower = oracle(lower, 1, 2, 9, 10, x, 5, 5);
        for (boolean vector : new boolean[] {false, true}) {
            Kernel upper = Pooling.create(spec("MaxPool").input(1, 2, 9, 10).output(1, 2, 5, 5)
                    .attr("kernel_shape", new long[] {3, 3}).attr("strides", new long[] {2, 2})
                    .attr("auto_pad", "SAME_UPPER").build(vector));
            assertBitsEqual(expected, run(upper, Parallel.SEQUENTIAL, expected.length, x), "SAME_UPPER");
            Kernel low = Pooling.create(spec("MaxPool").input(1, 2, 9, 10).output(1, 2, 5, 5)
                    .attr("kernel_shape", new long[] {3, 3}).attr("strides", new long[] {2, 2})
                    .attr("auto_pad", "SAME_LOWER").build(vector));
            assertBitsEqual(expectedLower, run(low, Parallel.SEQUENTIAL, expected.length, x), "SAME_LOWER");
        }
    }

    @Test
    void ceilModeAcceptsTheShapeThatDropsAWindowStartingInThePadding() {
        // in 4, kernel 2, stride 3, pads 0/2: ceil gives 3 windows, the last starting at 6 >= 4;
        // PyTorch-style shape inference says 2. Both shapes load; the 2 windows agree.
        float[] x = randomFloats(16, 7);
        Config cfg = new Config(true, false, true, 2, 3, 1, new int[] {0, 0, 2, 2});
        for (int out : new int[] {2, 3}) {
            Kernel k = Pooling.create(cfg.builder(1, 1, 4, 4, out, out).build(true));
            float[] got = run(k, Parallel.SEQUENTIAL, out * out, x);
            assertBitsEqual(oracle(cfg, 1, 1, 4, 4, x, out, out), got, "ceil out " + out);
        }
        assertThrows(InvalidGraphException.class, () -> Pooling.create(cfg.builder(1, 1, 4, 4, 1, 1).build(true)));
    }

    @Test
    void globalAveragePoolAnyRankAndThreads() {
        int splitsBefore = KernelHarness.splits();
        int[][] shapes = {{1, 3, 7, 7}, {3, 5, 13, 17}, {2, 3, 33}, {1, 2, 3, 4, 5}, {2, 64, 33, 33}, {1, 1, 1, 1}};
        long seed = 9;
        for (int[] s : shapes) {
            float[] x = randomFloats(count(s), seed++);
            int planes = s[0] * s[1];
            int size = x.length / planes;
            float[] expected = new float[planes];
            for (int pl = 0; pl < planes; pl++) {
                double sum = 0;
                for (int i = 0; i < size; i++) {
                    sum += x[pl * size + i];
                }
                expected[pl] = (float) (sum / size);
            }
            long[] in = Arrays.stream(s).asLongStream().toArray();
            long[] out = in.clone();
            Arrays.fill(out, 2, out.length, 1);
            for (boolean vector : new boolean[] {false, true}) {
                Kernel k = Pooling.create(spec("GlobalAveragePool").input(in).output(out).build(vector));
                for (Parallel p : PARALLELS) {
                    assertClose(expected, run(k, p, planes, x), 1e-5, "GAP " + Arrays.toString(s) + " vector=" + vector);
                }
            }
        }
        KernelHarness.assertSplitSince(splitsBefore);
    }

    @Test
    void rejectsWhatItCannotRun() {
        KernelHarness.SpecBuilder indices = spec("MaxPool").input(1, 1, 4, 4).output(1, 1, 2, 2)
                .output(io.jdeepface.engine.tensor.DataType.INT64, 1, 1, 2, 2)
                .attr("kernel_shape", new long[] {2, 2}).attr("strides", new long[] {2, 2});
        UnsupportedOperatorException e = assertThrows(UnsupportedOperatorException.class,
                () -> Pooling.create(indices.build(true)));
        assertTrue(e.getMessage().contains("Indices"), e.getMessage());
        assertThrows(UnsupportedOperatorException.class, () -> Pooling.create(spec("MaxPool").input(1, 1, 4, 4, 4)
                .output(1, 1, 2, 2, 2).attr("kernel_shape", new long[] {2, 2, 2}).build(true)));
        assertThrows(UnsupportedOperatorException.class, () -> Pooling.create(spec("AveragePool").input(1, 1, 5, 5)
                .output(1, 1, 3, 3).attr("kernel_shape", new long[] {2, 2}).attr("dilations", new long[] {2, 2})
                .build(true)));
        assertThrows(InvalidGraphException.class, () -> Pooling.create(spec("MaxPool").input(1, 1, 5, 5)
                .output(1, 1, 3, 3).attr("kernel_shape", new long[] {2, 2}).build(true)));
        assertThrows(InvalidGraphException.class, () -> Pooling.create(spec("MaxPool").input(1, 1, 5, 5)
                .output(1, 1, 4, 4).build(true)));
        assertThrows(InvalidGraphException.class, () -> Pooling.create(spec("MaxPool").input(1, 1, 5, 5)
                .output(1, 1, 4, 4).attr("kernel_shape", new long[] {2, 2}).attr("strides", new long[] {0, 1})
                .build(true)));
        assertThrows(InvalidGraphException.class, () -> Pooling.create(spec("MaxPool").input(1, 1, 2, 2)
                .output(1, 1, 1, 1).attr("kernel_shape", new long[] {3, 3}).build(true)));
        assertThrows(InvalidGraphException.class, () -> Pooling.create(spec("GlobalAveragePool").input(1, 3, 4, 4)
                .output(1, 3, 1).build(true)));
    }
}
