package io.jdeepface.engine.ops.elementwise;

import static io.jdeepface.engine.ops.KernelHarness.PARALLELS;
import static io.jdeepface.engine.ops.KernelHarness.assertBitsEqual;
import static io.jdeepface.engine.ops.KernelHarness.count;
import static io.jdeepface.engine.ops.KernelHarness.longs;
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
import io.jdeepface.engine.tensor.DataType;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryElementwiseTest {

    /** Operand shape pairs: same shape, scalar, per-channel, last axis, both sides broadcasting. */
    private static final List<int[][]> SHAPES = List.of(
            new int[][] {{2, 3, 4, 5}, {3, 1, 1}},
            new int[][] {{3, 5, 13, 17}, {1, 5, 1, 1}},
            new int[][] {{1, 5, 1, 1}, {3, 5, 13, 17}},
            new int[][] {{3, 17, 33}, {1}},
            new int[][] {{1}, {3, 17, 33}},
            new int[][] {{2, 3, 5, 17}, {17}},
            new int[][] {{3, 1, 13, 17}, {1, 4, 1, 17}},
            new int[][] {{3, 4, 13, 17}, {3, 1, 13, 17}},
            new int[][] {{1, 33}, {33, 1}},
            new int[][] {{33}, {33}},
            new int[][] {{13}, {}},
            new int[][] {{}, {}},
            new int[][] {{1}, {1}},
            new int[][] {{3, 17, 13}, {3, 17, 13}},
            new int[][] {{2, 3, 4, 5, 6}, {1, 3, 1, 5, 1}},
            new int[][] {{3, 1, 5}, {1, 4, 1}},
            new int[][] {{3, 4, 1}, {3, 4, 5}},
            new int[][] {{2, 1, 3, 1, 1}, {1, 7, 1, 5, 1}});

    /** The naive definition: every output index reads its right-aligned, broadcast input index. */
    static float[] oracle(BinaryOp op, int[] ad, float[] a, int[] bd, float[] b, int[] od) {
        float[] out = new float[count(od)];
        int[] idx = new int[od.length];
        for (int flat = 0; flat < out.length; flat++) {
            int rem = flat;
            for (int k = od.length - 1; k >= 0; k--) {
                idx[k] = rem % od[k];
                rem /= od[k];
            }
            out[flat] = op.apply(a[index(ad, idx)], b[index(bd, idx)]);
        }
        return out;
    }

    private static int index(int[] dims, int[] outIdx) {
        int off = 0;
        int shift = outIdx.length - dims.length;
        for (int k = 0; k < dims.length; k++) {
            int i = dims[k] == 1 ? 0 : outIdx[k + shift];
            off = off * dims[k] + i;
        }
        return off;
    }

    private static Kernel kernel(BinaryOp op, int[] a, int[] b, int[] out, boolean vector) {
        return BinaryElementwise.create(spec(op.opType()).input(longs(a)).input(longs(b)).output(longs(out))
                .build(vector));
    }

    @Test
    void matchesNaiveBroadcastingForEveryOpShapeAndMode() {
        long seed = 1;
        for (int[][] pair : SHAPES) {
            int[] ad = pair[0];
            int[] bd = pair[1];
            int[] od = BroadcastPlan.broadcastShape(ad, bd);
            float[] a = randomFloats(count(ad), seed++);
            float[] b = randomFloats(count(bd), seed++);
            for (BinaryOp op : BinaryOp.values()) {
                float[] expected = oracle(op, ad, a, bd, b, od);
                for (boolean vector : new boolean[] {false, true}) {
                    Kernel k = kernel(op, ad, bd, od, vector);
                    for (Parallel p : PARALLELS) {
                        String what = op + " " + Arrays.toString(ad) + " " + Arrays.toString(bd)
                                + " vector=" + vector + " threads=" + p.threads();
                        assertBitsEqual(expected, run(k, p, expected.length, a, b), what);
                    }
                }
            }
        }
    }

    @Test
    void largeTensorsSplitAcrossTwoThreads() {
        int splitsBefore = KernelHarness.splits();
        int[][][] cases = {
                {{2, 8, 48, 50}, {8, 1, 1}},    // per channel, many rows
                {{1, 40003}, {1, 40003}},        // one long row cut into pieces
                {{1, 40001}, {1}},               // scalar, one long row
                {{1, 3, 100, 151}, {151}},       // short repeated row
        };
        long seed = 100;
        for (int[][] c : cases) {
            int[] od = BroadcastPlan.broadcastShape(c[0], c[1]);
            float[] a = randomFloats(count(c[0]), seed++);
            float[] b = randomFloats(count(c[1]), seed++);
            for (BinaryOp op : new BinaryOp[] {BinaryOp.SUB, BinaryOp.MAX}) {
                float[] expected = oracle(op, c[0], a, c[1], b, od);
                for (boolean vector : new boolean[] {false, true}) {
                    Kernel k = kernel(op, c[0], c[1], od, vector);
                    for (Parallel p : PARALLELS) {
                        assertBitsEqual(expected, run(k, p, expected.length, a, b),
                                op + " " + Arrays.toString(c[0]) + " vector=" + vector + " threads=" + p.threads());
                    }
                }
            }
        }
        KernelHarness.assertSplitSince(splitsBefore);
    }

    @Test
    void specialValuesAgreeBitForBitBetweenScalarAndVector() {
        float[] specials = {Float.NaN, 0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f, -1f,
                Float.MIN_VALUE, -Float.MAX_VALUE};
        int n = specials.length * specials.length;
        float[] a = new float[n];
        float[] b = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = specials[i / specials.length];
            b[i] = specials[i % specials.length];
        }
        for (BinaryOp op : BinaryOp.values()) {
            float[] expected = oracle(op, new int[] {n}, a, new int[] {n}, b, new int[] {n});
            float[] vec = run(kernel(op, new int[] {n}, new int[] {n}, new int[] {n}, true), Parallel.SEQUENTIAL, n, a, b);
            assertBitsEqual(expected, vec, op + " specials");
        }
    }

    @Test
    void constantOperandIsCapturedAtLoad() {
        int[] ad = {3, 4, 5, 17};
        float[] a = randomFloats(count(ad), 7);
        float[] scale = randomFloats(4, 8);
        for (boolean vector : new boolean[] {false, true}) {
            Kernel k = BinaryElementwise.create(spec("Mul").input(longs(ad))
                    .constantFloats(new long[] {4, 1, 1}, scale).output(longs(ad)).build(vector));
            // the executor may pass anything in a constant's slot
            MemorySegment out = KernelHarness.floatOutput(a.length);
            k.run(new MemorySegment[] {KernelHarness.segment(a), MemorySegment.NULL}, new MemorySegment[] {out},
                    Parallel.SEQUENTIAL);
            float[] expected = oracle(BinaryOp.MUL, ad, a, new int[] {4, 1, 1}, scale, ad);
            assertBitsEqual(expected, KernelHarness.floats(out, a.length), "constant scale vector=" + vector);
        }
    }

    @Test
    void outputMayAliasTheFullSizeInput() {
        int[] ad = {2, 3, 17, 19};
        float[] a = randomFloats(count(ad), 9);
        float[] b = randomFloats(3, 10);
        float[] expected = oracle(BinaryOp.ADD, ad, a, new int[] {3, 1, 1}, b, ad);
        for (boolean vector : new boolean[] {false, true}) {
            Kernel k = kernel(BinaryOp.ADD, ad, new int[] {3, 1, 1}, ad, vector);
            MemorySegment buf = KernelHarness.segment(a);
            k.run(new MemorySegment[] {buf, KernelHarness.segment(b)}, new MemorySegment[] {buf}, Parallel.SEQUENTIAL);
            assertBitsEqual(expected, KernelHarness.floats(buf, a.length), "in place vector=" + vector);
        }
    }

    @Test
    void singleInputMaxIsACopy() {
        float[] a = randomFloats(17, 11);
        Kernel k = BinaryElementwise.create(spec("Max").input(17).output(17).build(true));
        assertBitsEqual(a, run(k, Parallel.SEQUENTIAL, 17, a), "Max(x)");
    }

    @Test
    void rejectsWhatItCannotRun() {
        InvalidGraphException notBroadcast = assertThrows(InvalidGraphException.class, () ->
                BinaryElementwise.create(spec("Add").input(3, 4).input(5).output(3, 4).build(true)));
        assertTrue(notBroadcast.getMessage().contains("do not broadcast"), notBroadcast.getMessage());
        assertThrows(InvalidGraphException.class, () ->
                BinaryElementwise.create(spec("Add").input(3, 4).input(4).output(4, 3).build(true)));
        UnsupportedOperatorException three = assertThrows(UnsupportedOperatorException.class, () ->
                BinaryElementwise.create(spec("Max").input(3).input(3).input(3).output(3).build(true)));
        assertTrue(three.getMessage().contains("n_Max"), three.getMessage());
        assertThrows(UnsupportedOperatorException.class, () -> BinaryElementwise.create(
                spec("Add").input(DataType.INT64, 3).input(DataType.INT64, 3).output(DataType.INT64, 3).build(true)));
        assertThrows(InvalidGraphException.class, () ->
                BinaryElementwise.create(spec("Add").input(3).output(3).build(true)));
        assertThrows(InvalidGraphException.class, () ->
                BinaryElementwise.create(spec("Add").input(-1, 3).input(3).output(-1, 3).build(true)));
    }
}
