package io.jdeepface.engine.ops.layout;

import static io.jdeepface.engine.ops.KernelHarness.PARALLELS;
import static io.jdeepface.engine.ops.KernelHarness.assertBitsEqual;
import static io.jdeepface.engine.ops.KernelHarness.count;
import static io.jdeepface.engine.ops.KernelHarness.longs;
import static io.jdeepface.engine.ops.KernelHarness.randomFloats;
import static io.jdeepface.engine.ops.KernelHarness.randomLongs;
import static io.jdeepface.engine.ops.KernelHarness.run;
import static io.jdeepface.engine.ops.KernelHarness.spec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.graph.InvalidGraphException;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelHarness;
import io.jdeepface.engine.ops.UnsupportedOperatorException;
import io.jdeepface.engine.tensor.DataType;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SliceTest {

    /** The indices an axis keeps, enumerated one by one after the ONNX clamping rules. */
    static int[] kept(long start, long end, long step, int dim) {
        if (start < 0) {
            start += dim;
        }
        if (end < 0) {
            end += dim;
        }
        if (step > 0) {
            start = Math.max(0, Math.min(start, dim));
            end = Math.max(0, Math.min(end, dim));
        } else {
            start = Math.max(0, Math.min(start, dim - 1));
            end = Math.max(-1, Math.min(end, dim - 1));
        }
        List<Integer> idx = new ArrayList<>();
        for (long i = start; step > 0 ? i < end : i > end; i += step) {
            idx.add((int) i);
        }
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Positions in the input of each output element. */
    static int[] oracle(int[] dims, int[][] keptPerAxis) {
        int[] out = new int[dims.length];
        for (int k = 0; k < dims.length; k++) {
            out[k] = keptPerAxis[k].length;
        }
        int[] src = new int[count(out)];
        for (int flat = 0; flat < src.length; flat++) {
            int rem = flat;
            int at = 0;
            int stride = 1;
            for (int k = dims.length - 1; k >= 0; k--) {
                at += keptPerAxis[k][rem % out[k]] * stride;
                rem /= out[k];
                stride *= dims[k];
            }
            src[flat] = at;
        }
        return src;
    }

    /** Slices {@code dims} with the given per-entry starts/ends/axes/steps (axes may be null). */
    private static void check(int[] dims, long[] starts, long[] ends, long[] axes, long[] steps, long seed) {
        int[][] kept = new int[dims.length][];
        for (int k = 0; k < dims.length; k++) {
            kept[k] = kept(0, dims[k], 1, dims[k]);
        }
        for (int i = 0; i < starts.length; i++) {
            int axis = axes == null ? i : (int) (axes[i] < 0 ? axes[i] + dims.length : axes[i]);
            kept[axis] = kept(starts[i], ends[i], steps == null ? 1 : steps[i], dims[axis]);
        }
        long[] outDims = new long[dims.length];
        for (int k = 0; k < dims.length; k++) {
            outDims[k] = kept[k].length;
        }
        int[] src = oracle(dims, kept);
        float[] x = randomFloats(count(dims), seed);
        float[] expected = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            expected[i] = x[src[i]];
        }
        KernelHarness.SpecBuilder b = spec("Slice").input(longs(dims)).constantLongs(starts).constantLongs(ends);
        if (axes != null) {
            b.constantLongs(axes);
        } else if (steps != null) {
            b.noInput();
        }
        if (steps != null) {
            b.constantLongs(steps);
        }
        Kernel k = Slice.create(b.output(outDims).build(true));
        String what = Arrays.toString(dims) + " starts " + Arrays.toString(starts) + " ends " + Arrays.toString(ends)
                + " axes " + Arrays.toString(axes) + " steps " + Arrays.toString(steps);
        for (Parallel p : PARALLELS) {
            float[] in = x;
            assertBitsEqual(expected, run(k, p, expected.length, in, null, null, null, null), what);
        }
    }

    @Test
    void faceDetectorSlicesWithHugeEnds() {
        // fr_detect: x[:, :, 0:2] and x[:, :, 2:INT64_MAX] on [1, anchors, 4]
        check(new int[] {1, 4420, 4}, new long[] {0}, new long[] {2}, new long[] {2}, null, 1);
        check(new int[] {1, 4420, 4}, new long[] {2}, new long[] {Long.MAX_VALUE}, new long[] {2}, null, 2);
    }

    @Test
    void negativeClampedAndSteppedIndices() {
        int[] dims = {3, 13, 17};
        long[][] cases = { // start, end, step on the last axis
                {-5, -1, 1}, {-100, 100, 1}, {5, 2, 1}, {1, 17, 2}, {16, 0, -1}, {-1, -100, -1},
                {Long.MAX_VALUE, Long.MIN_VALUE, -3}, {-20, 5, 3}, {0, 17, 16}, {17, 17, 1}, {3, 3, -1}, {-1, -18, -2}};
        long seed = 3;
        for (long[] c : cases) {
            check(dims, new long[] {c[0]}, new long[] {c[1]}, new long[] {-1}, new long[] {c[2]}, seed++);
            check(dims, new long[] {c[0]}, new long[] {c[1]}, new long[] {1}, new long[] {c[2]}, seed++);
            check(dims, new long[] {c[0]}, new long[] {c[1]}, new long[] {0}, new long[] {c[2]}, seed++);
        }
    }

    @Test
    void randomMultiAxisSlicesOfRanks1To5() {
        SplittableRandom r = new SplittableRandom(4);
        int[][] shapes = {{33}, {3, 17}, {2, 13, 5}, {3, 4, 5, 6}, {2, 3, 1, 4, 5}};
        for (int[] dims : shapes) {
            for (int trial = 0; trial < 40; trial++) {
                List<Long> axes = new ArrayList<>();
                for (int k = 0; k < dims.length; k++) {
                    if (r.nextBoolean()) {
                        axes.add((long) (r.nextBoolean() ? k : k - dims.length));
                    }
                }
                java.util.Collections.shuffle(axes, new java.util.Random(trial));
                int n = axes.size();
                long[] starts = new long[n], ends = new long[n], steps = new long[n];
                for (int i = 0; i < n; i++) {
                    starts[i] = r.nextInt(-25, 25);
                    ends[i] = r.nextInt(-25, 25);
                    steps[i] = r.nextBoolean() ? r.nextInt(1, 4) : -r.nextInt(1, 4);
                }
                check(dims, starts, ends, axes.stream().mapToLong(Long::longValue).toArray(), steps, trial);
            }
        }
        // starts/ends only (axes and steps default)
        check(new int[] {5, 6}, new long[] {1, -4}, new long[] {4, 100}, null, null, 5);
        check(new int[] {5, 6}, new long[] {4, 5}, new long[] {0, 1}, null, new long[] {-1, -2}, 6);
    }

    @Test
    void largeSliceSplitsAcrossThreads() {
        int splitsBefore = KernelHarness.splits();
        check(new int[] {2, 64, 40, 41}, new long[] {1, 2}, new long[] {-1, 40}, new long[] {2, 3}, null, 7);
        check(new int[] {2, 64, 40, 41}, new long[] {-1}, new long[] {-100}, new long[] {3}, new long[] {-2}, 8);
        KernelHarness.assertSplitSince(splitsBefore);
    }

    @Test
    void attributeFormAndInt64Data() {
        long[] x = randomLongs(4 * 6, 9);
        // opset 1-9: starts/ends/axes attributes
        Kernel k = Slice.create(spec("Slice").input(DataType.INT64, 4, 6).output(DataType.INT64, 2, 6)
                .attr("starts", new long[] {1}).attr("ends", new long[] {-1}).attr("axes", new long[] {0}).build(false));
        MemorySegment out = KernelHarness.segment(new long[12]);
        k.run(new MemorySegment[] {KernelHarness.segment(x)}, new MemorySegment[] {out}, Parallel.SEQUENTIAL);
        assertArrayEquals(Arrays.copyOfRange(x, 6, 18), KernelHarness.longs(out, 12));
    }

    @Test
    void rejectsWhatItCannotRun() {
        assertThrows(UnsupportedOperatorException.class, () -> Slice.create(spec("Slice").input(4, 6)
                .input(DataType.INT64, 1).constantLongs(3).output(2, 6).build(true)));
        assertThrows(InvalidGraphException.class, () -> Slice.create(spec("Slice").input(4, 6)
                .constantLongs(0).constantLongs(3).constantLongs(0).constantLongs(0).output(3, 6).build(true)));
        assertThrows(InvalidGraphException.class, () -> Slice.create(spec("Slice").input(4, 6)
                .constantLongs(0, 0).constantLongs(3, 3).constantLongs(1, -1).output(4, 3).build(true)));
        assertThrows(InvalidGraphException.class, () -> Slice.create(spec("Slice").input(4, 6)
                .constantLongs(0).constantLongs(3).output(2, 6).build(true)));
    }
}
