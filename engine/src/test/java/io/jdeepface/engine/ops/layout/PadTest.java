package io.jdeepface.engine.ops.layout;

import static io.jdeepface.engine.ops.KernelHarness.PARALLELS;
import static io.jdeepface.engine.ops.KernelHarness.assertBitsEqual;
import static io.jdeepface.engine.ops.KernelHarness.count;
import static io.jdeepface.engine.ops.KernelHarness.longs;
import static io.jdeepface.engine.ops.KernelHarness.randomFloats;
import static io.jdeepface.engine.ops.KernelHarness.run;
import static io.jdeepface.engine.ops.KernelHarness.spec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.InvalidGraphException;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelHarness;
import io.jdeepface.engine.ops.UnsupportedOperatorException;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PadTest {

    /** numpy.pad semantics per output element; crops (negative pads) shift the window. */
    static float[] oracle(int[] dims, long[] pads, String mode, float value, float[] x) {
        int rank = dims.length;
        int[] out = new int[rank];
        for (int k = 0; k < rank; k++) {
            out[k] = (int) (dims[k] + pads[k] + pads[k + rank]);
        }
        float[] y = new float[count(out)];
        for (int flat = 0; flat < y.length; flat++) {
            int rem = flat;
            int at = 0;
            int stride = 1;
            boolean outside = false;
            for (int k = rank - 1; k >= 0; k--) {
                long i = rem % out[k] - pads[k];
                rem /= out[k];
                if (i < 0 || i >= dims[k]) {
                    switch (mode) {
                        case "edge" -> i = i < 0 ? 0 : dims[k] - 1;
                        case "reflect" -> i = i < 0 ? -i : 2L * (dims[k] - 1) - i;
                        default -> outside = true;
                    }
                }
                at += (int) i * stride;
                stride *= dims[k];
            }
            y[flat] = outside ? value : x[at];
        }
        return y;
    }

    private static void check(int[] dims, long[] pads, String mode, float value, boolean asInputs, long seed) {
        int rank = dims.length;
        long[] out = new long[rank];
        for (int k = 0; k < rank; k++) {
            out[k] = dims[k] + pads[k] + pads[k + rank];
        }
        KernelHarness.SpecBuilder b = spec("Pad").input(longs(dims)).attr("mode", mode);
        if (asInputs) {
            b.constantLongs(pads).constant(Initializer.ofFloats("v", Shape.scalar(), new float[] {value}));
        } else {
            b.attr("pads", pads).attr("value", value);
        }
        Kernel k = Pad.create(b.output(out).build(true));
        float[] x = randomFloats(count(dims), seed);
        float[] expected = oracle(dims, pads, mode, value, x);
        for (Parallel p : PARALLELS) {
            assertBitsEqual(expected, run(k, p, expected.length, x, null, null),
                    Arrays.toString(dims) + " pads " + Arrays.toString(pads) + " " + mode);
        }
    }

    @Test
    void constantPaddingAndCropsOnRanks1To5() {
        SplittableRandom r = new SplittableRandom(1);
        int[][] shapes = {{17}, {3, 13}, {2, 3, 5}, {1, 3, 13, 17}, {2, 1, 3, 4, 5}};
        long seed = 1;
        for (int[] dims : shapes) {
            for (int trial = 0; trial < 25; trial++) {
                long[] pads = new long[2 * dims.length];
                for (int k = 0; k < pads.length; k++) {
                    int dim = dims[k % dims.length];
                    pads[k] = r.nextInt(-(dim / 2), 4); // crops never remove a whole axis here
                }
                check(dims, pads, "constant", trial % 2 == 0 ? 0f : -1.5f, trial % 3 == 0, seed++);
            }
        }
        check(new int[] {1, 3, 5, 5}, new long[] {0, 0, 0, 0, 0, 0, 0, 0}, "constant", 0f, false, 2); // fr_age's no-op
        check(new int[] {3, 4}, new long[] {-3, 0, 0, 0}, "constant", 7f, true, 3); // crop to empty
    }

    @Test
    void edgeAndReflect() {
        SplittableRandom r = new SplittableRandom(2);
        int[][] shapes = {{17}, {3, 13}, {2, 3, 5}, {1, 3, 13, 17}};
        long seed = 10;
        for (int[] dims : shapes) {
            for (int trial = 0; trial < 15; trial++) {
                long[] pads = new long[2 * dims.length];
                long[] crops = new long[2 * dims.length];
                for (int k = 0; k < pads.length; k++) {
                    int dim = dims[k % dims.length];
                    pads[k] = dim == 1 ? 0 : r.nextInt(0, Math.min(4, dim));
                    crops[k] = r.nextInt(-(dim / 2), 3);
                }
                check(dims, pads, "reflect", 0f, trial % 2 == 0, seed++);
                check(dims, pads, "edge", 0f, trial % 2 == 1, seed++);
                check(dims, crops, "edge", 0f, true, seed++);
            }
        }
    }

    @Test
    void largePadSplitsAcrossThreads() {
        int splitsBefore = KernelHarness.splits();
        check(new int[] {2, 32, 40, 40}, new long[] {0, 0, 1, 2, 0, 0, 2, 1}, "constant", 0f, true, 20);
        check(new int[] {2, 32, 40, 40}, new long[] {0, 0, 3, 3, 0, 0, 3, 3}, "reflect", 0f, true, 21);
        KernelHarness.assertSplitSince(splitsBefore);
    }

    @Test
    void axesInputAndInt64() {
        float[] x = randomFloats(2 * 3 * 4, 30);
        // opset 18: pads for axes [-1] only
        Kernel k = Pad.create(spec("Pad").input(2, 3, 4).constantLongs(1, 2).noInput().constantLongs(-1)
                .output(2, 3, 7).build(true));
        assertBitsEqual(oracle(new int[] {2, 3, 4}, new long[] {0, 0, 1, 0, 0, 2}, "constant", 0f, x),
                run(k, Parallel.SEQUENTIAL, 42, x, null, null, null), "axes input");
        Kernel ints = Pad.create(spec("Pad").input(DataType.INT64, 3).constantLongs(1, 1)
                .constant(Initializer.ofLongs("v", Shape.scalar(), new long[] {-9})).output(DataType.INT64, 5)
                .build(true));
        MemorySegment out = KernelHarness.segment(new long[5]);
        ints.run(new MemorySegment[] {KernelHarness.segment(new long[] {1, 2, 3}), null, null},
                new MemorySegment[] {out}, Parallel.SEQUENTIAL);
        assertArrayEquals(new long[] {-9, 1, 2, 3, -9}, KernelHarness.longs(out, 5));
    }

    @Test
    void rejectsWhatItCannotRun() {
        assertThrows(UnsupportedOperatorException.class, () -> Pad.create(spec("Pad").input(3, 4).attr("mode", "wrap")
                .attr("pads", new long[] {1, 1, 1, 1}).output(5, 6).build(true)));
        assertThrows(UnsupportedOperatorException.class, () -> Pad.create(spec("Pad").input(3, 4).attr("mode", "reflect")
                .attr("pads", new long[] {3, 0, 0, 0}).output(6, 4).build(true)));
        assertThrows(UnsupportedOperatorException.class, () -> Pad.create(spec("Pad").input(3, 4)
                .input(DataType.INT64, 4).output(5, 6).build(true)));
        assertThrows(InvalidGraphException.class, () -> Pad.create(spec("Pad").input(3, 4)
                .attr("pads", new long[] {1, 1}).output(5, 6).build(true)));
        assertThrows(InvalidGraphException.class, () -> Pad.create(spec("Pad").input(3, 4)
                .attr("pads", new long[] {1, 1, 1, 1}).output(5, 5).build(true)));
        assertThrows(InvalidGraphException.class, () -> Pad.create(spec("Pad").input(3, 4)
                .attr("pads", new long[] {-4, 0, 0, 0}).output(-1, 4).build(true)));
    }
}
