package io.jdeepface.engine.ops.gemm;

import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.InvalidGraphException;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelSpec;
import io.jdeepface.engine.ops.UnsupportedOperatorException;
import io.jdeepface.engine.tensor.Shape;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * ONNX {@code MatMul} (numpy semantics): the last two dimensions are matrices, leading dimensions
 * broadcast; a 1-D A is a row vector and a 1-D B a column vector, their unit dimension dropped from
 * the result. When B has no batch dimensions (the usual [.., M, K]·[K, N] of a linear layer) all of
 * A's leading dimensions fold into M and one GEMM runs; otherwise one GEMM per output batch index.
 */
public final class MatMulOp {
    private MatMulOp() {}

    public static Kernel create(KernelSpec spec) {
        Setup s = Setup.of(spec);
        return spec.vector() ? MatMulOpVector.create(s) : reference(s);
    }

    /** The scalar kernel: (batch item, row) pairs split across threads. */
    private static Kernel reference(Setup s) {
        return (inputs, outputs, parallel) -> {
            MemorySegment y = outputs[0];
            int m = s.rows(inputs[0], y);
            int items = s.items(y, m);
            MemorySegment a = s.aConstant() != null ? s.aConstant() : inputs[0];
            MemorySegment b = s.bConstant() != null ? s.bConstant() : inputs[1];
            MatrixLayout aLayout = MatrixLayout.rowMajor(s.k());
            MatrixLayout bLayout = MatrixLayout.rowMajor(s.n());
            parallel.forRange(items * m, (start, end) -> {
                for (int u = start; u < end; u++) {
                    int t = u / m;
                    int i = u % m;
                    GemmReference.multiply(1, s.n(), s.k(),
                            a, s.aMatrix(t) * m * s.k() + (long) i * s.k(), aLayout,
                            b, s.bMatrix(t) * s.k() * s.n(), bLayout,
                            y, ((long) t * m + i) * s.n(), s.n(), Epilogue.NONE, 0);
                }
            });
        };
    }

    /**
     * A MatMul resolved at load.
     *
     * @param m         rows per matrix, -1 when it folds a dynamic batch dimension (flat case)
     * @param outBatch  output batch dimensions (empty in the flat case); only entry 0 may be -1
     * @param aStrides  per output batch dimension, how many A matrices one step moves (0 where A
     *                  broadcasts); likewise {@code bStrides}
     * @param bCount    number of B matrices (packed one after another when B is constant)
     */
    record Setup(String name, int m, int n, int k, long[] outBatch, long[] aStrides, long[] bStrides,
                 int bCount, MemorySegment aConstant, MemorySegment bConstant) {

        static Setup of(KernelSpec spec) {
            Node node = spec.node();
            String what = "MatMul node '" + node.name() + "'";
            long[] a = dims(spec, 0, what + " input A");
            long[] b = dims(spec, 1, what + " input B");
            long[] aMat = a.length == 1 ? new long[] {1, a[0]} : Arrays.copyOfRange(a, a.length - 2, a.length);
            long[] bMat = b.length == 1 ? new long[] {b[0], 1} : Arrays.copyOfRange(b, b.length - 2, b.length);
            long[] aBatch = a.length <= 2 ? new long[0] : Arrays.copyOf(a, a.length - 2);
            long[] bBatch = b.length <= 2 ? new long[0] : Arrays.copyOf(b, b.length - 2);
            long k = aMat[1];
            long n = bMat[1];
            if (k < 0 || n < 0 || bMat[0] < 0 || anyDynamic(bBatch)) {
                throw new UnsupportedOperatorException(what + ": only a leading dimension of A may be dynamic, got A"
                        + spec.input(0).shape() + " B" + spec.input(1).shape());
            }
            if (k != bMat[0]) {
                throw new InvalidGraphException(what + ": inner dimensions differ, A" + spec.input(0).shape()
                        + " · B" + spec.input(1).shape());
            }
            Initializer aInit = spec.constant(0);
            Initializer bInit = spec.constant(1);
            MemorySegment aConst = aInit != null ? ConstantFloats.copyOf(aInit, node) : null;
            MemorySegment bConst = bInit != null ? ConstantFloats.copyOf(bInit, node) : null;
            checkInt(k * n, what);
            if (bBatch.length == 0) { // fold all of A's leading dimensions into the rows
                long rows = 1;
                for (long d : Arrays.copyOf(a, a.length - 1)) {
                    rows = d < 0 || rows < 0 ? -1 : rows * d;
                }
                checkInt(rows, what);
                return new Setup(node.name(), (int) rows, (int) n, (int) k, new long[0], new long[0],
                        new long[0], 1, aConst, bConst);
            }
            long m = aMat[0];
            // A dynamic dimension is allowed only as the output's first, where B has none or 1.
            int bAligned = bBatch.length - aBatch.length; // B's dimension aligned with A's first
            boolean dynamicMatchesB = aBatch.length == 0 || aBatch[0] >= 0 || bAligned < 0
                    || (bAligned == 0 && bBatch[0] == 1);
            if (m < 0 || anyDynamic(Arrays.copyOfRange(aBatch, Math.min(1, aBatch.length), aBatch.length))
                    || !dynamicMatchesB) {
                throw new UnsupportedOperatorException(what + ": a dynamic dimension that broadcasts against B, A"
                        + spec.input(0).shape() + " B" + spec.input(1).shape());
            }
            int rank = Math.max(aBatch.length, bBatch.length);
            long[] out = new long[rank];
            long[] aStrides = new long[rank];
            long[] bStrides = new long[rank];
            long aStride = 1;
            long bStride = 1;
            for (int d = rank - 1; d >= 0; d--) {
                int ad = d - (rank - aBatch.length);
                int bd = d - (rank - bBatch.length);
                long ai = ad >= 0 ? aBatch[ad] : 1;
                long bi = bd >= 0 ? bBatch[bd] : 1;
                if (ai != bi && ai != 1 && bi != 1 && ai >= 0) {
                    throw new InvalidGraphException(what + ": batch dimensions do not broadcast, A"
                            + spec.input(0).shape() + " B" + spec.input(1).shape());
                }
                out[d] = ai < 0 ? -1 : Math.max(ai, bi);
                aStrides[d] = ai == 1 ? 0 : aStride;
                bStrides[d] = bi == 1 ? 0 : bStride;
                aStride *= Math.max(ai, 1);
                bStride *= bi;
            }
            checkInt(bStride * k * n, what);
            return new Setup(node.name(), (int) m, (int) n, (int) k, out, aStrides, bStrides, (int) bStride,
                    aConst, bConst);
        }

        /** Rows per matrix in this run (resolves a folded dynamic dimension from A's size). */
        int rows(MemorySegment a, MemorySegment y) {
            if (m >= 0) {
                return m;
            }
            long rows = k == 0 ? y.byteSize() / ((long) n * Float.BYTES) : a.byteSize() / ((long) k * Float.BYTES);
            if (rows > Integer.MAX_VALUE || a.byteSize() != rows * k * Float.BYTES) {
                throw new IllegalArgumentException("MatMul '" + name + "': A of " + a.byteSize()
                        + " bytes is not a whole number of rows of " + k);
            }
            return (int) rows;
        }

        /** Number of output matrices in this run, checking the output buffer's size. */
        int items(MemorySegment y, int rows) {
            long perItem = (long) rows * n * Float.BYTES;
            long count = 1;
            for (long d : outBatch) {
                count = d < 0 ? -1 : count * d;
            }
            if (count < 0) {
                count = perItem == 0 ? 0 : y.byteSize() / perItem;
            }
            if (y.byteSize() != count * perItem || count > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("MatMul '" + name + "': output of " + y.byteSize()
                        + " bytes does not hold " + count + " matrices of [" + rows + "," + n + "]");
            }
            return (int) count;
        }

        /** Index of the A matrix that output matrix {@code t} reads. */
        long aMatrix(int t) {
            return matrix(t, aStrides);
        }

        /** Index of the B matrix that output matrix {@code t} reads. */
        long bMatrix(int t) {
            return matrix(t, bStrides);
        }

        private long matrix(int t, long[] strides) {
            long index = 0;
            long rest = t;
            for (int d = outBatch.length - 1; d > 0; d--) {
                index += rest % outBatch[d] * strides[d];
                rest /= outBatch[d];
            }
            return outBatch.length == 0 ? 0 : index + rest * strides[0];
        }

        private static boolean anyDynamic(long[] dims) {
            for (long d : dims) {
                if (d < 0) {
                    return true;
                }
            }
            return false;
        }

        private static long[] dims(KernelSpec spec, int i, String what) {
            if (spec.input(i) == null) {
                throw new InvalidGraphException(what + " is missing");
            }
            Shape shape = spec.input(i).shape();
            if (shape.rank() == 0) {
                throw new InvalidGraphException(what + " is a scalar; MatMul needs at least 1-D inputs");
            }
            return shape.dims();
        }

        private static void checkInt(long v, String what) {
            if (v > Integer.MAX_VALUE) {
                throw new UnsupportedOperatorException(what + ": " + v + " elements is too large");
            }
        }
    }
}
