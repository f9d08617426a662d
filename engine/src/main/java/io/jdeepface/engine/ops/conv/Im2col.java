package io.jdeepface.engine.ops.conv;

import io.jdeepface.engine.ops.gemm.GemmVector;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The im2col matrix of one image and group, produced panel by panel as the GEMM packs B:
 * row {@code k = (c·KH + ky)·KW + kx} and column {@code j = oy·OW + ox} hold input
 * {@code X[c, oy·sh − padTop + ky·dh, ox·sw − padLeft + kx·dw]}, or zero outside the image.
 *
 * <p>Stride 1 with an output as wide as the input ("same" padding, dilated or not) is the common
 * case: output pixel {@code j} then reads input pixel {@code j + shift(ky, kx)} of the flattened
 * plane, so a whole row of a panel is one contiguous load, masked where the window falls in the
 * padding. The mask depends on (ky, kx) only, not on the channel, and is built once per panel.
 *
 * <p>Otherwise a panel's NR columns are cut into runs along one output row. Within a run the
 * input positions step by the horizontal stride, so each (row of X̂, run) is one strided copy: for
 * stride 1 a masked vector load per {@code L} columns, for stride 2 two contiguous loads whose even
 * lanes are picked with one two-vector permute; other strides copy element by element.
 *
 * <p>Vector API class: load only in vector mode.
 */
final class Im2col implements GemmVector.BSource {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final int NR = GemmVector.NR;
    /** Lane indices 0, 2, 4, ...: the even lanes of two concatenated vectors. */
    private static final FloatVector EVEN_LANES = FloatVector.fromArray(F, evenLanes(), 0);

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
    /** Stride 1 and output width = input width: see the class comment. */
    private final boolean shiftedPlane;
    /**
     * Per thread: for the current panel, the lanes whose window row ky (entry ky) or window
     * column kx (entry kernelH + kx) lies inside the image.
     */
    private final ThreadLocal<long[]> insideLanes;

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
        shiftedPlane = strideH == 1 && strideW == 1 && outWidth == width && 2 * L <= Long.SIZE;
        insideLanes = ThreadLocal.withInitial(() -> new long[kernelH + kernelW]);
    }

    private static float[] evenLanes() {
        float[] idx = new float[L];
        for (int i = 0; i < L; i++) {
            idx[i] = 2 * i;
        }
        return idx;
    }

    @Override
    public void pack(MemorySegment x, long offset, int k0, int kc, int j0, int nr, float[] dst) {
        if (shiftedPlane) {
            packShifted(x, offset, k0, kc, j0, nr, dst);
        } else {
            packRuns(x, offset, k0, kc, j0, nr, dst);
        }
    }

    /** The stride-1, same-width case: two masked loads per row of the panel. */
    private void packShifted(MemorySegment x, long offset, int k0, int kc, int j0, int nr, float[] dst) {
        long[] inside = insideLanes.get();
        for (int ky = 0; ky < kernelH; ky++) {
            inside[ky] = lanesWhere(j0, nr, ky * dilationH - padTop, true);
        }
        for (int kx = 0; kx < kernelW; kx++) {
            inside[kernelH + kx] = lanesWhere(j0, nr, kx * dilationW - padLeft, false);
        }
        long plane = (long) height * width;
        long vectorLanes = (1L << L) - 1;
        int c = k0 / (kernelH * kernelW);
        int ky = k0 / kernelW % kernelH;
        int kx = k0 % kernelW;
        for (int p = 0; p < kc; p++) {
            long valid = inside[ky] & inside[kernelH + kx];
            long src = offset + c * plane + j0 + (long) (ky * dilationH - padTop) * width + (kx * dilationW - padLeft);
            for (int v = 0; v < NR; v += L) {
                VectorMask<Float> m = VectorMask.fromLong(F, (valid >>> v) & vectorLanes);
                FloatVector.fromMemorySegment(F, x, (src + v) * Float.BYTES, NATIVE, m).intoArray(dst, p * NR + v);
            }
            if (++kx == kernelW) {
                kx = 0;
                if (++ky == kernelH) {
                    ky = 0;
                    c++;
                }
            }
        }
    }

    /**
     * Bit {@code jj} set when output column {@code j0 + jj < j0 + nr} shifted by {@code shift} rows
     * ({@code vertical}) or columns stays inside the image.
     */
    private long lanesWhere(int j0, int nr, int shift, boolean vertical) {
        long bits = 0;
        for (int jj = 0; jj < nr; jj++) {
            int j = j0 + jj;
            int pos = vertical ? j / outWidth + shift : j % outWidth + shift;
            if (pos >= 0 && pos < (vertical ? height : width)) {
                bits |= 1L << jj;
            }
        }
        return bits;
    }

    /** The general case, run by run along output rows. */
    private void packRuns(MemorySegment x, long offset, int k0, int kc, int j0, int nr, float[] dst) {
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
                    long row = offset + c * plane + (long) iy * width;
                    int ix = ixBase + kx * dilationW;
                    switch (strideW) {
                        case 1 -> copyRun(x, row, ix, run, dst, d);
                        case 2 -> copyRunStride2(x, row, ix, run, dst, d);
                        default -> copyRunStrided(x, row, ix, run, dst, d);
                    }
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

    /** {@code dst[d + t] = X[row, ix + t]} for {@code t < run}, zero outside [0, width). */
    private void copyRun(MemorySegment x, long row, int ix, int run, float[] dst, int d) {
        for (int t = 0; t < run; t += L) {
            int first = ix + t; // input column of lane 0
            VectorMask<Float> inside = GemmVector.lanes(-first, Math.min(run - t, width - first));
            FloatVector.fromMemorySegment(F, x, (row + first) * Float.BYTES, NATIVE, inside)
                    .intoArray(dst, d + t, GemmVector.lanes(0, run - t));
        }
    }

    /** {@code dst[d + t] = X[row, ix + 2t]}: load 2·L inputs, keep the even lanes. */
    private void copyRunStride2(MemorySegment x, long row, int ix, int run, float[] dst, int d) {
        for (int t = 0; t < run; t += L) {
            int first = ix + 2 * t; // input column of lane 0 of the low vector
            int end = Math.min(width, first + 2 * (run - t)) - first; // lanes past it are not needed
            FloatVector low = FloatVector.fromMemorySegment(F, x, (row + first) * Float.BYTES, NATIVE,
                    GemmVector.lanes(-first, end));
            FloatVector high = FloatVector.fromMemorySegment(F, x, (row + first + L) * Float.BYTES, NATIVE,
                    GemmVector.lanes(-first - L, end - L));
            EVEN_LANES.selectFrom(low, high).intoArray(dst, d + t, GemmVector.lanes(0, run - t));
        }
    }

    /** Any other stride, element by element. */
    private void copyRunStrided(MemorySegment x, long row, int ix, int run, float[] dst, int d) {
        for (int t = 0; t < run; t++) {
            int col = ix + t * strideW;
            dst[d + t] = col >= 0 && col < width ? x.getAtIndex(FLOAT, row + col) : 0f;
        }
    }
}
