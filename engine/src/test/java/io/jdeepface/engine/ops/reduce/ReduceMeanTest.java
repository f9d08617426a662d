package io.jdeepface.engine.ops.reduce;

import static io.jdeepface.engine.ops.KernelHarness.PARALLELS;
import static io.jdeepface.engine.ops.KernelHarness.assertClose;
import static io.jdeepface.engine.ops.KernelHarness.count;
import static io.jdeepface.engine.ops.KernelHarness.longs;
import static io.jdeepface.engine.ops.KernelHarness.randomFloats;
import static io.jdeepface.engine.ops.KernelHarness.run;
import static io.jdeepface.engine.ops.KernelHarness.spec;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.graph.InvalidGraphException;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelHarness;
import io.jdeepface.engine.ops.UnsupportedOperatorException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReduceMeanTest {

    /** Naive: every input element adds to the output element it maps to. */
    static float[] oracle(int[] dims, boolean[] reduce, float[] x) {
        int[] outDims = new int[dims.length];
        for (int k = 0; k < dims.length; k++) {
            outDims[k] = reduce[k] ? 1 : dims[k];
        }
        double[] sums = new double[count(outDims)];
        int per = x.length / sums.length;
        int[] idx = new int[dims.length];
        for (int flat = 0; flat < x.length; flat++) {
            int rem = flat;
            for (int k = dims.length - 1; k >= 0; k--) {
                idx[k] = rem % dims[k];
                rem /= dims[k];
            }
            int o = 0;
            for (int k = 0; k < dims.length; k++) {
                o = o * outDims[k] + (reduce[k] ? 0 : idx[k]);
            }
            sums[o] += x[flat];
        }
        float[] out = new float[sums.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (sums[i] / per);
        }
        return out;
    }

    private static long[] outShape(int[] dims, boolean[] reduce, boolean keep) {
        List<Long> out = new ArrayList<>();
        for (int k = 0; k < dims.length; k++) {
            if (!reduce[k]) {
                out.add((long) dims[k]);
            } else if (keep) {
                out.add(1L);
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    @Test
    void everySubsetOfAxesWithAndWithoutKeepdims() {
        int[][] shapes = {{2, 3, 5, 17}, {3, 1, 13}, {33}, {1, 3, 4, 5, 2}, {3, 17, 1, 33}};
        long seed = 1;
        for (int[] dims : shapes) {
            float[] x = randomFloats(count(dims), seed++);
            for (int mask = 1; mask < (1 << dims.length); mask++) {
                boolean[] reduce = new boolean[dims.length];
                List<Long> axes = new ArrayList<>();
                for (int k = 0; k < dims.length; k++) {
                    if ((mask & (1 << k)) != 0) {
                        reduce[k] = true;
                        axes.add((long) ((k + mask) % 2 == 0 ? k : k - dims.length)); // mix negative axes in
                    }
                }
                float[] expected = oracle(dims, reduce, x);
                for (boolean keep : new boolean[] {true, false}) {
                    for (boolean vector : new boolean[] {false, true}) {
                        Kernel k = ReduceMean.create(spec("ReduceMean").input(longs(dims))
                                .output(outShape(dims, reduce, keep))
                                .attr("axes", axes.stream().mapToLong(Long::longValue).toArray())
                                .attr("keepdims", keep ? 1 : 0).build(vector));
                        assertClose(expected, run(k, Parallel.SEQUENTIAL, expected.length, x), 1e-5,
                                Arrays.toString(dims) + " axes " + axes + " keep=" + keep + " vector=" + vector);
                    }
                }
            }
        }
    }

    @Test
    void axesAsConstantInputAndDefaults() {
        int[] dims = {2, 3, 5};
        float[] x = randomFloats(30, 3);
        for (boolean vector : new boolean[] {false, true}) {
            // opset 18: axes input
            Kernel k18 = ReduceMean.create(spec("ReduceMean").input(2, 3, 5).constantLongs(-1, 0).output(1, 3, 1)
                    .build(vector));
            assertClose(oracle(dims, new boolean[] {true, false, true}, x), run(k18, Parallel.SEQUENTIAL, 3, x, null),
                    1e-5, "axes input");
            // no axes: everything
            Kernel all = ReduceMean.create(spec("ReduceMean").input(2, 3, 5).output(1, 1, 1).build(vector));
            assertClose(oracle(dims, new boolean[] {true, true, true}, x), run(all, Parallel.SEQUENTIAL, 1, x),
                    1e-5, "all axes");
            // no axes with noop_with_empty_axes: identity
            Kernel noop = ReduceMean.create(spec("ReduceMean").input(2, 3, 5).output(2, 3, 5)
                    .attr("noop_with_empty_axes", 1).build(vector));
            assertClose(x, run(noop, Parallel.SEQUENTIAL, 30, x), 0, "noop");
        }
    }

    @Test
    void largeTensorsWithTwoThreads() {
        int splitsBefore = KernelHarness.splits();
        int[][] shapes = {{2, 32, 25, 27}, {1, 160, 257}};
        for (int[] dims : shapes) {
            float[] x = randomFloats(count(dims), 4);
            for (boolean[] reduce : new boolean[][] {{false, false, true, true}, {false, true, false, false}}) {
                boolean[] r = Arrays.copyOf(reduce, dims.length);
                float[] expected = oracle(dims, r, x);
                List<Long> axes = new ArrayList<>();
                for (int k = 0; k < r.length; k++) {
                    if (r[k]) {
                        axes.add((long) k);
                    }
                }
                for (boolean vector : new boolean[] {false, true}) {
                    Kernel k = ReduceMean.create(spec("ReduceMean").input(longs(dims)).output(outShape(dims, r, true))
                            .attr("axes", axes.stream().mapToLong(Long::longValue).toArray()).build(vector));
                    for (Parallel p : PARALLELS) {
                        assertClose(expected, run(k, p, expected.length, x), 1e-5,
                                Arrays.toString(dims) + " " + axes + " vector=" + vector + " threads=" + p.threads());
                    }
                }
            }
        }
        KernelHarness.assertSplitSince(splitsBefore);
    }

    @Test
    void rejectsBadSpecs() {
        assertThrows(InvalidGraphException.class, () -> ReduceMean.create(spec("ReduceMean").input(2, 3)
                .output(2, 1).attr("axes", new long[] {1}).attr("keepdims", 0).build(true)));
        assertThrows(InvalidGraphException.class, () -> ReduceMean.create(spec("ReduceMean").input(2, 3)
                .output(2).attr("axes", new long[] {2}).build(true)));
        assertThrows(InvalidGraphException.class, () -> ReduceMean.create(spec("ReduceMean").input(2, 3)
                .output(2, 1).attr("axes", new long[] {1, -1}).build(true)));
        KernelHarness.SpecBuilder runtimeAxes = spec("ReduceMean").input(2, 3)
                .input(io.jdeepface.engine.tensor.DataType.INT64, 1).output(2, 1);
        assertThrows(UnsupportedOperatorException.class, () -> ReduceMean.create(runtimeAxes.build(true)));
    }
}
