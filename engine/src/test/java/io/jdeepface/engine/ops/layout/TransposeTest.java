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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.graph.InvalidGraphException;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelHarness;
import io.jdeepface.engine.tensor.DataType;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransposeTest {

    static int[] permuted(int[] dims, int[] perm) {
        int[] out = new int[perm.length];
        for (int k = 0; k < perm.length; k++) {
            out[k] = dims[perm[k]];
        }
        return out;
    }

    /** Output index o reads input index i with i[perm[k]] = o[k]. Works on element positions. */
    static int[] oraclePositions(int[] dims, int[] perm) {
        int[] out = permuted(dims, perm);
        int[] inStrides = new int[dims.length];
        int acc = 1;
        for (int k = dims.length - 1; k >= 0; k--) {
            inStrides[k] = acc;
            acc *= dims[k];
        }
        int[] src = new int[count(out)];
        for (int flat = 0; flat < src.length; flat++) {
            int rem = flat;
            int at = 0;
            for (int k = out.length - 1; k >= 0; k--) {
                at += (rem % out[k]) * inStrides[perm[k]];
                rem /= out[k];
            }
            src[flat] = at;
        }
        return src;
    }

    static List<int[]> permutations(int n) {
        List<int[]> all = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, all);
        return all;
    }

    private static void permute(int[] cur, boolean[] used, int k, List<int[]> all) {
        if (k == cur.length) {
            all.add(cur.clone());
            return;
        }
        for (int v = 0; v < cur.length; v++) {
            if (!used[v]) {
                used[v] = true;
                cur[k] = v;
                permute(cur, used, k + 1, all);
                used[v] = false;
            }
        }
    }

    static Kernel kernel(DataType type, int[] dims, int[] perm) {
        KernelHarness.SpecBuilder b = spec("Transpose").input(type, longs(dims));
        if (perm != null) {
            b.attr("perm", Arrays.stream(perm).asLongStream().toArray()).output(type, longs(permuted(dims, perm)));
        } else {
            int[] rev = new int[dims.length];
            for (int k = 0; k < dims.length; k++) {
                rev[k] = dims.length - 1 - k;
            }
            b.output(type, longs(permuted(dims, rev)));
        }
        return Transpose.create(b.build(true));
    }

    private static void checkFloat(int[] dims, int[] perm, long seed) {
        float[] x = randomFloats(count(dims), seed);
        int[] src = oraclePositions(dims, perm);
        float[] expected = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            expected[i] = x[src[i]];
        }
        Kernel k = kernel(DataType.FLOAT32, dims, perm);
        for (Parallel p : PARALLELS) {
            assertBitsEqual(expected, run(k, p, expected.length, x),
                    Arrays.toString(dims) + " perm " + Arrays.toString(perm) + " threads=" + p.threads());
        }
    }

    @Test
    void allPermutationsOfRank3And4() {
        int[][] shapes = {{2, 3, 5}, {3, 1, 17}, {13, 16, 3}, {2, 3, 4, 5}, {1, 3, 13, 17}, {3, 17, 1, 2}};
        long seed = 1;
        for (int[] dims : shapes) {
            for (int[] perm : permutations(dims.length)) {
                checkFloat(dims, perm, seed++);
            }
        }
    }

    @Test
    void int64DataMovesAsWell() {
        int[] dims = {2, 3, 4, 5};
        long[] x = randomLongs(count(dims), 2);
        for (int[] perm : permutations(4)) {
            int[] src = oraclePositions(dims, perm);
            long[] expected = new long[src.length];
            for (int i = 0; i < src.length; i++) {
                expected[i] = x[src[i]];
            }
            MemorySegment out = KernelHarness.segment(new long[src.length]);
            kernel(DataType.INT64, dims, perm).run(new MemorySegment[] {KernelHarness.segment(x)},
                    new MemorySegment[] {out}, Parallel.SEQUENTIAL);
            assertArrayEquals(expected, KernelHarness.longs(out, src.length), Arrays.toString(perm));
        }
    }

    @Test
    void faceDetectorLayoutsUseTheFastLoopsAndSplitAcrossThreads() {
        int splitsBefore = KernelHarness.splits();
        // NCHW -> NHWC (detector heads) and NHWC -> NCHW (TF.js inputs): tiled 2-D transposes
        assertEquals(StridedCopy.Mode.TILES, ((Transpose) kernel(DataType.FLOAT32, new int[] {1, 6, 40, 40},
                new int[] {0, 2, 3, 1})).mode());
        assertEquals(StridedCopy.Mode.TILES, ((Transpose) kernel(DataType.FLOAT32, new int[] {1, 128, 128, 3},
                new int[] {0, 3, 1, 2})).mode());
        // ShuffleNet channel shuffle keeps the spatial block contiguous: row copies
        assertEquals(StridedCopy.Mode.RUNS, ((Transpose) kernel(DataType.FLOAT32, new int[] {1, 2, 58, 7, 7},
                new int[] {0, 2, 1, 3, 4})).mode());
        assertEquals(StridedCopy.Mode.ELEMENTS, ((Transpose) kernel(DataType.FLOAT32, new int[] {3, 4, 5},
                new int[] {2, 1, 0})).mode());
        checkFloat(new int[] {2, 16, 40, 41}, new int[] {0, 2, 3, 1}, 3);
        checkFloat(new int[] {2, 67, 65, 12}, new int[] {0, 3, 1, 2}, 4);
        checkFloat(new int[] {2, 2, 116, 14, 14}, new int[] {0, 2, 1, 3, 4}, 5);
        checkFloat(new int[] {40, 33, 41}, new int[] {2, 1, 0}, 6);
        KernelHarness.assertSplitSince(splitsBefore);
    }

    @Test
    void otherRanksAndDefaultPerm() {
        checkFloat(new int[] {17, 33}, new int[] {1, 0}, 7);
        checkFloat(new int[] {33}, new int[] {0}, 8);
        checkFloat(new int[] {2, 3, 1, 4, 5, 3}, new int[] {5, 3, 0, 2, 4, 1}, 9);
        checkFloat(new int[] {}, new int[] {}, 10);
        float[] x = randomFloats(2 * 3 * 5, 11);
        int[] src = oraclePositions(new int[] {2, 3, 5}, new int[] {2, 1, 0});
        float[] expected = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            expected[i] = x[src[i]];
        }
        assertBitsEqual(expected, run(kernel(DataType.FLOAT32, new int[] {2, 3, 5}, null), Parallel.SEQUENTIAL,
                30, x), "default perm reverses the axes");
    }

    @Test
    void rejectsBadPerms() {
        assertThrows(InvalidGraphException.class, () -> Transpose.create(spec("Transpose").input(2, 3, 4)
                .output(2, 3, 4).attr("perm", new long[] {0, 0, 1}).build(true)));
        assertThrows(InvalidGraphException.class, () -> Transpose.create(spec("Transpose").input(2, 3, 4)
                .output(2, 3, 4).attr("perm", new long[] {0, 1}).build(true)));
        assertThrows(InvalidGraphException.class, () -> Transpose.create(spec("Transpose").input(2, 3, 4)
                .output(2, 3, 4).attr("perm", new long[] {0, 2, 1}).build(true)));
        assertThrows(InvalidGraphException.class, () -> Transpose.create(spec("Transpose").input(2, 3)
                .output(DataType.INT64, 3, 2).build(true)));
    }
}
