package io.jdeepface.engine.ops.softmax;

import static io.jdeepface.engine.ops.KernelHarness.PARALLELS;
import static io.jdeepface.engine.ops.KernelHarness.assertClose;
import static io.jdeepface.engine.ops.KernelHarness.count;
import static io.jdeepface.engine.ops.KernelHarness.longs;
import static io.jdeepface.engine.ops.KernelHarness.randomFloats;
import static io.jdeepface.engine.ops.KernelHarness.run;
import static io.jdeepface.engine.ops.KernelHarness.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.graph.InvalidGraphException;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelHarness;
import io.jdeepface.engine.tensor.DataType;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SoftmaxTest {

    /** exp(x - max) / sum over the axis, in double, by plain index arithmetic. */
    static float[] oracle(int[] dims, int axis, float[] x) {
        int outer = 1, inner = 1;
        for (int k = 0; k < axis; k++) {
            outer *= dims[k];
        }
        for (int k = axis + 1; k < dims.length; k++) {
            inner *= dims[k];
        }
        int n = dims[axis];
        float[] y = new float[x.length];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) {
                    max = Math.max(max, x[(o * n + k) * inner + j]);
                }
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += Math.exp(x[(o * n + k) * inner + j] - max);
                }
                for (int k = 0; k < n; k++) {
                    y[(o * n + k) * inner + j] = (float) (Math.exp(x[(o * n + k) * inner + j] - max) / sum);
                }
            }
        }
        return y;
    }

    private static Kernel kernel(int[] dims, Integer axis, boolean vector) {
        KernelHarness.SpecBuilder b = spec("Softmax").input(longs(dims)).output(longs(dims));
        if (axis != null) {
            b.attr("axis", (long) axis);
        }
        return Softmax.create(b.build(vector));
    }

    private static void check(int[] dims, Integer axis, long seed, float scale) {
        float[] x = randomFloats(count(dims), seed);
        for (int i = 0; i < x.length; i++) {
            x[i] *= scale;
        }
        int a = axis == null ? dims.length - 1 : (axis < 0 ? axis + dims.length : axis);
        float[] expected = oracle(dims, a, x);
        for (boolean vector : new boolean[] {false, true}) {
            Kernel k = kernel(dims, axis, vector);
            for (Parallel p : PARALLELS) {
                assertClose(expected, run(k, p, x.length, x), 1e-5,
                        Arrays.toString(dims) + " axis " + axis + " vector=" + vector + " threads=" + p.threads());
            }
        }
    }

    @Test
    void everyAxisOfAwkwardShapes() {
        int[][] shapes = {{13}, {1}, {3, 17}, {2, 3, 33}, {1, 2, 13, 17}, {3, 5, 7, 3, 2}, {1, 1}, {3, 16}, {2, 40, 3}};
        long seed = 1;
        for (int[] dims : shapes) {
            for (int axis = -dims.length; axis < dims.length; axis++) {
                check(dims, axis, seed++, 1f);
            }
            check(dims, null, seed++, 1f);
        }
    }

    @Test
    void largeValuesDoNotOverflow() {
        check(new int[] {3, 17}, -1, 5, 30f); // values up to +-120: exp would overflow without the shift
        check(new int[] {2, 5, 19}, 1, 6, 30f);
        float[] x = {1000f, 1000f, -1000f};
        float[] y = run(kernel(new int[] {3}, 0, true), Parallel.SEQUENTIAL, 3, x);
        assertClose(new float[] {0.5f, 0.5f, 0f}, y, 1e-6, "huge logits");
    }

    @Test
    void faceDetectorShapesWithTwoThreads() {
        int splitsBefore = KernelHarness.splits();
        check(new int[] {1, 8000, 2}, 2, 7, 3f);     // class scores per anchor: short last axis
        check(new int[] {1, 4, 100, 101}, 1, 8, 3f); // per-pixel classes: inner axis
        check(new int[] {40, 1001}, -1, 9, 3f);      // long lines with a tail
        KernelHarness.assertSplitSince(splitsBefore);
    }

    @Test
    void outputMayShareTheInputBuffer() {
        int[] dims = {2, 3, 40};
        float[] x = randomFloats(count(dims), 10);
        for (int axis : new int[] {1, 2}) {
            float[] expected = oracle(dims, axis, x);
            for (boolean vector : new boolean[] {false, true}) {
                MemorySegment buf = KernelHarness.segment(x);
                kernel(dims, axis, vector).run(new MemorySegment[] {buf}, new MemorySegment[] {buf}, Parallel.SEQUENTIAL);
                assertClose(expected, KernelHarness.floats(buf, x.length), 1e-5, "in place axis " + axis);
            }
        }
    }

    @Test
    void rowsSumToOne() {
        float[] y = run(kernel(new int[] {5, 33}, -1, true), Parallel.SEQUENTIAL, 5 * 33, randomFloats(5 * 33, 11));
        for (int r = 0; r < 5; r++) {
            double sum = 0;
            for (int i = 0; i < 33; i++) {
                sum += y[r * 33 + i];
            }
            assertEquals(1.0, sum, 1e-5);
        }
    }

    @Test
    void rejectsBadAxesAndShapes() {
        assertThrows(InvalidGraphException.class, () -> kernel(new int[] {3, 4}, 2, true));
        assertThrows(InvalidGraphException.class, () -> kernel(new int[] {3, 4}, -3, true));
        assertThrows(InvalidGraphException.class, () ->
                Softmax.create(spec("Softmax").input(3, 4).output(4, 3).build(true)));
        assertThrows(io.jdeepface.engine.ops.UnsupportedOperatorException.class, () ->
                Softmax.create(spec("Softmax").input(DataType.INT64, 3).output(DataType.INT64, 3).build(true)));
    }
}
