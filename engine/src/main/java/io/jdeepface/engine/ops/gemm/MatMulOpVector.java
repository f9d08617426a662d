package io.jdeepface.engine.ops.gemm;

import io.jdeepface.engine.ops.Kernel;
import java.lang.foreign.MemorySegment;

/** The Vector API kernel of {@link MatMulOp}: a constant B (all its batch matrices) packed at load. */
final class MatMulOpVector {
    private MatMulOpVector() {}

    static Kernel create(MatMulOp.Setup s) {
        int n = s.n();
        int k = s.k();
        MatrixLayout aLayout = MatrixLayout.rowMajor(k);
        MatrixLayout bLayout = MatrixLayout.rowMajor(n);
        GemmVector.ASource a = new GemmVector.StridedA(aLayout);
        GemmVector.BSource b;
        long bStride; // elements between consecutive B matrices in their buffer
        if (s.bConstant() != null) {
            float[][] each = new float[s.bCount()][];
            for (int i = 0; i < each.length; i++) {
                each[i] = GemmVector.packB(s.bConstant(), (long) i * k * n, bLayout, k, n);
            }
            bStride = each[0].length;
            float[] all = new float[Math.multiplyExact(each.length, each[0].length)];
            for (int i = 0; i < each.length; i++) {
                System.arraycopy(each[i], 0, all, (int) (i * bStride), each[i].length);
            }
            b = new GemmVector.PackedB(all, k);
        } else {
            b = new GemmVector.StridedB(bLayout);
            bStride = (long) k * n;
        }
        long bStep = bStride;
        GemmVector.TileLoop tiles = new GemmVector.TileLoop((in, out, t, r0, r1, c0, c1) -> {
            MemorySegment y = out[0];
            int m = s.rows(in[0], y);
            MemorySegment aData = s.aConstant() != null ? s.aConstant() : in[0];
            GemmVector.multiply(m, n, k, a, aData, s.aMatrix(t) * m * k,
                    b, in[1], s.bMatrix(t) * bStep,
                    y, (long) t * m * n, n, Epilogue.NONE, 0, r0, r1, c0, c1);
        });
        return (inputs, outputs, parallel) -> {
            MemorySegment y = outputs[0];
            int m = s.rows(inputs[0], y);
            tiles.run(parallel, s.items(y, m), m, n, k, inputs, outputs);
        };
    }
}
