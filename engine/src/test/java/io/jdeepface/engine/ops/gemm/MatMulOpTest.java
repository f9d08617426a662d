package io.jdeepface.engine.ops.gemm;

import static io.jdeepface.engine.ops.OpTesting.assertClose;
import static io.jdeepface.engine.ops.OpTesting.randomFloats;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.graph.InvalidGraphException;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.OpTesting;
import io.jdeepface.engine.ops.OpTesting.Input;
import io.jdeepface.engine.ops.TestParallel;
import io.jdeepface.engine.tensor.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ONNX MatMul, scalar and vector kernels, against numpy's rules written out here in double. */
class MatMulOpTest {
    private final Random rnd = new Random(99);

    @Test
    void twoDimensional() {
        check(new long[] {1, 512}, new long[] {512, 128});
        check(new long[] {1, 33}, new long[] {33, 257});
        check(new long[] {17, 13}, new long[] {13, 100});
        check(new long[] {3, 1}, new long[] {1, 3});
    }

    @Test
    void leadingDimensionsOfAFoldIntoRows() {
        check(new long[] {2, 5, 17}, new long[] {17, 33});
        check(new long[] {3, 2, 4, 13}, new long[] {13, 3});
    }

    @Test
    void batchedWithBroadcasting() {
        check(new long[] {3, 13, 17}, new long[] {3, 17, 33});
        check(new long[] {2, 1, 5, 7}, new long[] {3, 7, 40});
        check(new long[] {13, 17}, new long[] {4, 17, 9});
        check(new long[] {4, 1, 3}, new long[] {1, 3, 35});
    }

    @Test
    void vectorOperands() {
        check(new long[] {17}, new long[] {17, 33});
        check(new long[] {3, 5, 17}, new long[] {17});
        check(new long[] {17}, new long[] {17});
        check(new long[] {17}, new long[] {2, 17, 5});
    }

    @Test
    void dynamicLeadingDimension() {
        for (boolean vector : new boolean[] {false, true}) {
            for (long[] b : new long[][] {{6, 20}, {1, 6, 20}}) {
                boolean batched = b.length == 3;
                float[] bv = randomFloats(rnd, 120);
                List<Input> declared = List.of(
                        new Input("a", new long[] {Shape.DYNAMIC, 4, 6}, new float[0], false),
                        Input.constant("b", bv, b));
                Kernel kernel = MatMulOp.create(OpTesting.spec("MatMul", Map.of(), declared,
                        new long[] {Shape.DYNAMIC, 4, 20}, vector));
                for (int batch : new int[] {1, 3}) {
                    float[] a = randomFloats(rnd, batch * 24);
                    List<Input> in = List.of(Input.runtime("a", a, batch, 4, 6), declared.get(1));
                    float[] y = OpTesting.run(kernel, in, batch * 80, new TestParallel(2));
                    assertClose(expected(new long[] {batch, 4, 6}, a, b, bv), y, 1e-4,
                            "dynamic batch " + batch + " batched=" + batched + " vector=" + vector);
                }
            }
        }
    }

    @Test
    void rejectsMismatchedShapes() {
        List<Input> in = List.of(Input.runtime("a", new float[6], 2, 3), Input.constant("b", new float[8], 4, 2));
        assertThrows(InvalidGraphException.class,
                () -> MatMulOp.create(OpTesting.spec("MatMul", Map.of(), in, new long[] {2, 2}, true)));
        List<Input> batch = List.of(Input.runtime("a", new float[24], 2, 3, 4), Input.constant("b", new float[24], 3, 4, 2));
        assertThrows(InvalidGraphException.class,
                () -> MatMulOp.create(OpTesting.spec("MatMul", Map.of(), batch, new long[] {2, 3, 2}, true)));
    }

    private void check(long[] aShape, long[] bShape) {
        float[] a = randomFloats(rnd, (int) Shape.of(aShape).elementCount());
        float[] b = randomFloats(rnd, (int) Shape.of(bShape).elementCount());
        float[] expected = expected(aShape, a, bShape, b);
        for (boolean constB : new boolean[] {true, false}) {
            List<Input> in = List.of(Input.runtime("a", a, aShape), new Input("b", bShape, b, constB));
            for (boolean vector : new boolean[] {false, true}) {
                for (Parallel p : new Parallel[] {Parallel.SEQUENTIAL, new TestParallel(2)}) {
                    Kernel k = MatMulOp.create(OpTesting.spec("MatMul", Map.of(), in, new long[0], vector));
                    float[] y = OpTesting.run(k, in, expected.length, p);
                    assertClose(expected, y, 1e-4, Arrays.toString(aShape) + "·" + Arrays.toString(bShape)
                            + " constB=" + constB + " vector=" + vector + " threads=" + p.threads());
                }
            }
        }
    }

    /** numpy.matmul in double, for shapes of rank >= 1. */
    static float[] expected(long[] aShape, float[] a, long[] bShape, float[] b) {
        long[] as = aShape.length == 1 ? new long[] {1, aShape[0]} : aShape;
        long[] bs = bShape.length == 1 ? new long[] {bShape[0], 1} : bShape;
        int m = (int) as[as.length - 2];
        int k = (int) as[as.length - 1];
        int n = (int) bs[bs.length - 1];
        int rank = Math.max(as.length, bs.length) - 2;
        long[] out = new long[rank];
        for (int d = 0; d < rank; d++) {
            out[d] = Math.max(dim(as, d, rank), dim(bs, d, rank));
        }
        int count = (int) Shape.of(out).elementCount();
        float[] y = new float[count * m * n];
        for (int t = 0; t < count; t++) {
            long[] idx = new long[rank];
            long rest = t;
            for (int d = rank - 1; d >= 0; d--) {
                idx[d] = rest % out[d];
                rest /= out[d];
            }
            int ai = flatIndex(as, idx, rank);
            int bi = flatIndex(bs, idx, rank);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double acc = 0;
                    for (int p = 0; p < k; p++) {
                        acc += (double) a[ai * m * k + i * k + p] * b[bi * k * n + p * n + j];
                    }
                    y[(t * m + i) * n + j] = (float) acc;
                }
            }
        }
        return y;
    }

    /** Batch dimension d (of rank, right-aligned) of a shape, 1 where the shape has none. */
    private static long dim(long[] shape, int d, int rank) {
        int sd = d - (rank - (shape.length - 2));
        return sd >= 0 ? shape[sd] : 1;
    }

    /** Which matrix of a (broadcast) operand the output batch index reads. */
    private static int flatIndex(long[] shape, long[] idx, int rank) {
        int flat = 0;
        for (int d = 0; d < rank; d++) {
            long size = dim(shape, d, rank);
            int sd = d - (rank - (shape.length - 2));
            if (sd >= 0) {
                flat = (int) (flat * size + (size == 1 ? 0 : idx[d]));
            }
        }
        return flat;
    }
}
