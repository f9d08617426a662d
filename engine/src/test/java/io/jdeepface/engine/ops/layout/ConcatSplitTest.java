package io.jdeepface.engine.ops.layout;

import static io.jdeepface.engine.ops.KernelHarness.PARALLELS;
import static io.jdeepface.engine.ops.KernelHarness.assertBitsEqual;
import static io.jdeepface.engine.ops.KernelHarness.count;
import static io.jdeepface.engine.ops.KernelHarness.longs;
import static io.jdeepface.engine.ops.KernelHarness.randomFloats;
import static io.jdeepface.engine.ops.KernelHarness.randomLongs;
import static io.jdeepface.engine.ops.KernelHarness.spec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.graph.InvalidGraphException;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelHarness;
import io.jdeepface.engine.tensor.DataType;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ConcatSplitTest {

    /** Naive concat: output index (.., j, ..) on the axis reads the input whose range holds j. */
    static float[] concatOracle(int[][] dims, float[][] xs, int axis) {
        int[] out = dims[0].clone();
        out[axis] = 0;
        for (int[] d : dims) {
            out[axis] += d[axis];
        }
        float[] y = new float[count(out)];
        int[] idx = new int[out.length];
        for (int flat = 0; flat < y.length; flat++) {
            int rem = flat;
            for (int k = out.length - 1; k >= 0; k--) {
                idx[k] = rem % out[k];
                rem /= out[k];
            }
            int j = idx[axis];
            int part = 0;
            while (j >= dims[part][axis]) {
                j -= dims[part][axis];
                part++;
            }
            int at = 0;
            for (int k = 0; k < out.length; k++) {
                at = at * dims[part][k] + (k == axis ? j : idx[k]);
            }
            y[flat] = xs[part][at];
        }
        return y;
    }

    private static int[][] parts(int[] base, int axis, int... sizes) {
        int[][] dims = new int[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            dims[i] = base.clone();
            dims[i][axis] = sizes[i];
        }
        return dims;
    }

    private static void checkBoth(int[] base, int axis, int[] sizes, long seed) {
        int[][] dims = parts(base, axis, sizes);
        float[][] xs = new float[dims.length][];
        KernelHarness.SpecBuilder concat = spec("Concat").attr("axis", (long) (seed % 2 == 0 ? axis : axis - base.length));
        KernelHarness.SpecBuilder split = spec("Split").attr("axis", (long) axis)
                .attr("split", Arrays.stream(sizes).asLongStream().toArray());
        for (int i = 0; i < dims.length; i++) {
            xs[i] = randomFloats(count(dims[i]), seed * 31 + i);
            concat.input(longs(dims[i]));
            split.output(longs(dims[i]));
        }
        int[] out = base.clone();
        out[axis] = Arrays.stream(sizes).sum();
        concat.output(longs(out));
        split.input(longs(out));
        float[] expected = concatOracle(dims, xs, axis);
        Kernel c = Concat.create(concat.build(true));
        Kernel s = Split.create(split.build(true));
        for (Parallel p : PARALLELS) {
            String what = Arrays.toString(out) + " axis " + axis + " parts " + Arrays.toString(sizes) + " threads="
                    + p.threads();
            MemorySegment[] in = new MemorySegment[xs.length];
            for (int i = 0; i < xs.length; i++) {
                in[i] = KernelHarness.segment(xs[i]);
            }
            MemorySegment y = KernelHarness.floatOutput(expected.length);
            c.run(in, new MemorySegment[] {y}, p);
            assertBitsEqual(expected, KernelHarness.floats(y, expected.length), "concat " + what);
            // split undoes it
            MemorySegment[] back = new MemorySegment[xs.length];
            for (int i = 0; i < xs.length; i++) {
                back[i] = KernelHarness.floatOutput(xs[i].length);
            }
            s.run(new MemorySegment[] {KernelHarness.segment(expected)}, back, p);
            for (int i = 0; i < xs.length; i++) {
                assertBitsEqual(xs[i], KernelHarness.floats(back[i], xs[i].length), "split part " + i + " " + what);
            }
        }
    }

    @Test
    void everyAxisOfRanks1To5() {
        int[][] bases = {{1}, {3, 17}, {2, 3, 13}, {3, 4, 5, 6}, {1, 2, 3, 1, 4}};
        long seed = 1;
        for (int[] base : bases) {
            for (int axis = 0; axis < base.length; axis++) {
                checkBoth(base, axis, new int[] {1, 3, 2}, seed++);
                checkBoth(base, axis, new int[] {5}, seed++);
                checkBoth(base, axis, new int[] {2, 0, 13, 1}, seed++);
            }
        }
    }

    @Test
    void largeChannelConcatSplitsAcrossThreads() {
        int splitsBefore = KernelHarness.splits();
        checkBoth(new int[] {1, 0, 40, 41}, 1, new int[] {32, 16, 17}, 100);
        checkBoth(new int[] {3, 0, 20, 20}, 1, new int[] {58, 58}, 101);
        KernelHarness.assertSplitSince(splitsBefore);
    }

    @Test
    void constantInputIsCapturedAndInt64Works() {
        // BlazeFace pads channels by concatenating a constant block of zeros
        float[] x = randomFloats(2 * 3 * 4, 5);
        float[] zeros = new float[2 * 1 * 4];
        Kernel k = Concat.create(spec("Concat").attr("axis", 1L).input(2, 3, 4)
                .constantFloats(new long[] {2, 1, 4}, zeros).output(2, 4, 4).build(true));
        MemorySegment y = KernelHarness.floatOutput(32);
        k.run(new MemorySegment[] {KernelHarness.segment(x), MemorySegment.NULL}, new MemorySegment[] {y},
                Parallel.SEQUENTIAL);
        assertBitsEqual(concatOracle(new int[][] {{2, 3, 4}, {2, 1, 4}}, new float[][] {x, zeros}, 1),
                KernelHarness.floats(y, 32), "constant zeros");

        long[] a = randomLongs(3, 6);
        long[] b = randomLongs(2, 7);
        Kernel shapes = Concat.create(spec("Concat").attr("axis", 0L).input(DataType.INT64, 3)
                .input(DataType.INT64, 2).output(DataType.INT64, 5).build(false));
        MemorySegment out = KernelHarness.segment(new long[5]);
        shapes.run(new MemorySegment[] {KernelHarness.segment(a), KernelHarness.segment(b)},
                new MemorySegment[] {out}, Parallel.SEQUENTIAL);
        assertArrayEquals(new long[] {a[0], a[1], a[2], b[0], b[1]}, KernelHarness.longs(out, 5));
    }

    @Test
    void splitSizesFromInputEqualDefaultAndChecks() {
        float[] x = randomFloats(2 * 6 * 3, 8);
        // opset 13: split sizes as an input; default equal split without
        Kernel fromInput = Split.create(spec("Split").attr("axis", -2L).input(2, 6, 3).constantLongs(2, 4)
                .output(2, 2, 3).output(2, 4, 3).build(true));
        Kernel equal = Split.create(spec("Split").attr("axis", 1L).input(2, 6, 3)
                .output(2, 3, 3).output(2, 3, 3).build(true));
        for (Kernel k : new Kernel[] {fromInput, equal}) {
            MemorySegment a = KernelHarness.floatOutput(2 * 6 * 3);
            MemorySegment b = KernelHarness.floatOutput(2 * 6 * 3);
            k.run(new MemorySegment[] {KernelHarness.segment(x), MemorySegment.NULL}, new MemorySegment[] {a, b},
                    Parallel.SEQUENTIAL);
            float[] y = concatOracle(new int[][] {{2, 6, 3}}, new float[][] {x}, 1);
            float[] joined = new float[36];
            int sizeA = k == equal ? 3 : 2;
            float[] fa = KernelHarness.floats(a, 2 * sizeA * 3);
            float[] fb = KernelHarness.floats(b, 2 * (6 - sizeA) * 3);
            float[] re = concatOracle(new int[][] {{2, sizeA, 3}, {2, 6 - sizeA, 3}}, new float[][] {fa, fb}, 1);
            System.arraycopy(re, 0, joined, 0, 36);
            assertBitsEqual(y, joined, "split then concat");
        }
        assertThrows(InvalidGraphException.class, () -> Split.create(spec("Split").attr("axis", 1L).input(2, 6, 3)
                .attr("split", new long[] {1, 5}).output(2, 2, 3).output(2, 4, 3).build(true)));
        assertThrows(InvalidGraphException.class, () -> Split.create(spec("Split").attr("axis", 1L).input(2, 6, 3)
                .output(2, 2, 3).output(2, 4, 3).build(true)));
        assertThrows(InvalidGraphException.class, () -> Concat.create(spec("Concat").attr("axis", 1L)
                .input(2, 3).input(3, 3).output(2, 6).build(true)));
        assertThrows(InvalidGraphException.class, () -> Concat.create(spec("Concat").input(2, 3).input(2, 3)
                .output(2, 6).build(true)));
    }
}
