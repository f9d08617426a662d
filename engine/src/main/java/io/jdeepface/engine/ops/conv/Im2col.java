package io.jdeepface.engine.ops.conv;

import io.jdeepface.engine.ops.gemm.GemmVector;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * The im2col matrix of one image and group, produced panel by panel as the GEMM packs B:
 * row {@code k = (c·KH + ky)·KW + kx} and column {@code j = oy·OW + ox} hold input
 * {@code X[c, oy·sh − padTop + ky·dh, ox·sw − padLeft + kx·dw]}, or zero outside the image. A
 * panel's columns are cut into runs along one output row; within a run the input positions step
 * by the stride, so the in-image part is found once per run and row of the panel, not per element.
 */
final class Im2col implements GemmVector.BSource {
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final int NR = GemmVector.NR;

    private final int height;
    private final int width;
    private final int kernelH;
    private final int kernelW;
    private final int strideH;
    private final int strideW;
    private final int dilationH;
    private final int dilationW;
    private final int padTop;
    private final int padLeft;
    private final int outWidth;

    Im2col(ConvParams p) {
        height = p.inHeight();
        width = p.inWidth();
        kernelH = p.kernelH();
        kernelW = p.kernelW();
        strideH = p.strideH();
        strideW = p.strideW();
        dilationH = p.dilationH();
        dilationW = p.dilationW();
        padTop = p.padTop();
        padLeft = p.padLeft();
        outWidth = p.outWidth();
    }

    @Override
    public void pack(MemorySegment x, long offset, int k0, int kc, int j0, int nr, float[] dst) {
        long plane = (long) height * width;
        for (int jj = 0; jj < nr; ) {
            int oy = (j0 + jj) / outWidth;
            int ox = (j0 + jj) % outWidth;
            int run = Math.min(nr - jj, outWidth - ox);
            int iyBase = oy * strideH - padTop;
            int ixBase = ox * strideW - padLeft;
            int c = k0 / (kernelH * kernelW);
            int ky = k0 / kernelW % kernelH;
            int kx = k0 % kernelW;
            for (int p = 0; p < kc; p++) {
                int d = p * NR + jj;
                int iy = iyBase + ky * dilationH;
                if (iy < 0 || iy >= height) {
                    Arrays.fill(dst, d, d + run, 0f);
                } else {
                    int ix = ixBase + kx * dilationW;
                    // t in [lo, hi) keeps ix + t·strideW inside [0, width)
                    int lo = ix >= 0 ? 0 : Math.min(run, (-ix + strideW - 1) / strideW);
                    int hi = ix >= width ? 0 : Math.min(run, (width - ix + strideW - 1) / strideW);
                    hi = Math.max(hi, lo);
                    Arrays.fill(dst, d, d + lo, 0f);
                    long src = offset + c * plane + (long) iy * width + ix;
                    if (strideW == 1) {
                        if (hi > lo) {
                            MemorySegment.copy(x, FLOAT, (src + lo) * Float.BYTES, dst, d + lo, hi - lo);
                        }
                    } else {
                        for (int t = lo; t < hi; t++) {
                            dst[d + t] = x.getAtIndex(FLOAT, src + (long) t * strideW);
                        }
                    }
                    Arrays.fill(dst, d + hi, d + run, 0f);
                }
                if (++kx == kernelW) {
                    kx = 0;
                    if (++ky == kernelH) {
                        ky = 0;
                        c++;
                    }
                }
            }
            jj += run;
        }
        if (nr < NR) {
            for (int p = 0; p < kc; p++) {
                Arrays.fill(dst, p * NR + nr, (p + 1) * NR, 0f);
            }
        }
    }
}
