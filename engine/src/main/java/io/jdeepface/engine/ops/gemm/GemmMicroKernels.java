package io.jdeepface.engine.ops.gemm;

import jdk.incubator.vector.FloatVector;

import static io.jdeepface.engine.ops.gemm.GemmVector.F;
import static io.jdeepface.engine.ops.gemm.GemmVector.L;
import static io.jdeepface.engine.ops.gemm.GemmVector.NR;

/**
 * The register-tile loops of {@link GemmVector}: r rows × 2 vectors of products accumulated over
 * kc steps of a packed A panel (r floats per step) and a packed B panel (NR floats per step), then
 * written to a small row-major tile buffer (r × NR floats, in L1). One method per row count so
 * that every accumulator is a local the JIT keeps in a register: 8 rows use 16 of the 32 AVX-512
 * registers, plus 2 for B and 1 for the broadcast A value. Storing into C (masking, accumulation
 * across depth blocks, epilogue) is {@link TileWriter}'s job: keeping it out of here keeps these
 * methods small enough for the JIT and avoids passing vectors between methods (which boxes them
 * when a call is not inlined).
 */
final class GemmMicroKernels {
    private GemmMicroKernels() {}

    /** Products of one tile into {@code tile[rr * NR + jj]}. */
    static void run(int rows, int kc, float[] a, int ao, float[] b, int bo, float[] tile) {
        switch (rows) {
            case 8 -> rows8(kc, a, ao, b, bo, tile);
            case 4 -> rows4(kc, a, ao, b, bo, tile);
            case 2 -> rows2(kc, a, ao, b, bo, tile);
            case 1 -> rows1(kc, a, ao, b, bo, tile);
            default -> throw new IllegalArgumentException("no micro-kernel for " + rows + " rows");
        }
    }

    /** 8 rows × 2 vectors. */
    private static void rows8(int kc, float[] a, int ao, float[] b, int bo, float[] tile) {
        FloatVector z = FloatVector.zero(F);
        FloatVector c00 = z, c01 = z;
        FloatVector c10 = z, c11 = z;
        FloatVector c20 = z, c21 = z;
        FloatVector c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z;
        FloatVector c50 = z, c51 = z;
        FloatVector c60 = z, c61 = z;
        FloatVector c70 = z, c71 = z;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(F, b, bo);
            FloatVector b1 = FloatVector.fromArray(F, b, bo + L);
            FloatVector x;
            x = FloatVector.broadcast(F, a[ao]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(F, a[ao + 1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(F, a[ao + 2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(F, a[ao + 3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            x = FloatVector.broadcast(F, a[ao + 4]);
            c40 = b0.fma(x, c40);
            c41 = b1.fma(x, c41);
            x = FloatVector.broadcast(F, a[ao + 5]);
            c50 = b0.fma(x, c50);
            c51 = b1.fma(x, c51);
            x = FloatVector.broadcast(F, a[ao + 6]);
            c60 = b0.fma(x, c60);
            c61 = b1.fma(x, c61);
            x = FloatVector.broadcast(F, a[ao + 7]);
            c70 = b0.fma(x, c70);
            c71 = b1.fma(x, c71);
            ao += 8;
            bo += NR;
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, 0 + L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
        c60.intoArray(tile, 6 * NR);
        c61.intoArray(tile, 6 * NR + L);
        c70.intoArray(tile, 7 * NR);
        c71.intoArray(tile, 7 * NR + L);
    }

    /** 4 rows × 2 vectors. */
    private static void rows4(int kc, float[] a, int ao, float[] b, int bo, float[] tile) {
        FloatVector z = FloatVector.zero(F);
        FloatVector c00 = z, c01 = z;
        FloatVector c10 = z, c11 = z;
        FloatVector c20 = z, c21 = z;
        FloatVector c30 = z, c31 = z;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(F, b, bo);
            FloatVector b1 = FloatVector.fromArray(F, b, bo + L);
            FloatVector x;
            x = FloatVector.broadcast(F, a[ao]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(F, a[ao + 1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(F, a[ao + 2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(F, a[ao + 3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            ao += 4;
            bo += NR;
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, 0 + L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
    }

    /** 2 rows × 2 vectors. */
    private static void rows2(int kc, float[] a, int ao, float[] b, int bo, float[] tile) {
        FloatVector z = FloatVector.zero(F);
        FloatVector c00 = z, c01 = z;
        FloatVector c10 = z, c11 = z;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(F, b, bo);
            FloatVector b1 = FloatVector.fromArray(F, b, bo + L);
            FloatVector x;
            x = FloatVector.broadcast(F, a[ao]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(F, a[ao + 1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            ao += 2;
            bo += NR;
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, 0 + L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
    }

    /** 1 row × 2 vectors. */
    private static void rows1(int kc, float[] a, int ao, float[] b, int bo, float[] tile) {
        FloatVector z = FloatVector.zero(F);
        FloatVector c00 = z, c01 = z;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(F, b, bo);
            FloatVector b1 = FloatVector.fromArray(F, b, bo + L);
            FloatVector x;
            x = FloatVector.broadcast(F, a[ao]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            ao += 1;
            bo += NR;
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, 0 + L);
    }
}
