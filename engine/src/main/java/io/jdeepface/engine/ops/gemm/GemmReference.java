package io.jdeepface.engine.ops.gemm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The scalar SGEMM every optimised variant is checked against, and the kernel used when the
 * Vector API is unavailable: {@code C[i,j] = epilogue(sum_p A[i,p] * B[p,j])}, accumulated in float
 * in order of p. Offsets and strides are in elements (floats), not bytes.
 */
public final class GemmReference {
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private GemmReference() {}

    /**
     * Computes rows {@code [0, m)} and columns {@code [0, n)} of C. The epilogue sees output
     * {@code (epilogueRow + i, j)}, so a per-channel bias can be shared by all groups of a
     * convolution.
     */
    public static void multiply(int m, int n, int k,
                                MemorySegment a, long aOffset, MatrixLayout aLayout,
                                MemorySegment b, long bOffset, MatrixLayout bLayout,
                                MemorySegment c, long cOffset, long ldc,
                                Epilogue epilogue, long epilogueRow) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = 0f;
                for (int p = 0; p < k; p++) {
                    acc += a.getAtIndex(FLOAT, aLayout.index(aOffset, i, p))
                            * b.getAtIndex(FLOAT, bLayout.index(bOffset, p, j));
                }
                c.setAtIndex(FLOAT, cOffset + i * ldc + j, epilogue.apply(acc, epilogueRow + i, j));
            }
        }
    }
}
