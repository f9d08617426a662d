package io.jdeepface.engine.ops.conv;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The layout of one input channel as the vector depthwise kernels read it: copied into a scratch
 * array with the zero padding written out, so that no tap ever needs a bounds test, and with the
 * columns split by stride phase, so that every tap of a strided convolution reads consecutive floats.
 *
 * <p>With horizontal stride {@code s}, padded column {@code c} is stored in phase {@code c % s} at
 * column {@code c / s}. Output column {@code ox} of tap {@code kx} reads padded column
 * {@code ox*s + kx*d}, i.e. phase {@code (kx*d) % s}, column {@code ox + (kx*d) / s}: for a run of
 * consecutive outputs, a run of consecutive floats. Rows are not split: output row {@code oy}, tap
 * {@code ky} reads padded row {@code oy*strideH + ky*dilationH}.
 *
 * <p>The pad cells are never written, so a scratch array stays valid for every channel of a run once zeroed.
 * A vector's worth of slack at the end lets the last (partial) vector of a row load whole vectors;
 * lanes past the row end read neighbouring cells and are dropped by the masked store.
 */
final class DepthwisePaddedPlane {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    /** Lane indices that pick the even (then odd) elements of two concatenated vectors. */
    private static final FloatVector EVEN_LANES = lanes(0);
    private static final FloatVector ODD_LANES = lanes(1);

    private final int inHeight;
    private final int inWidth;
    private final int padTop;
    private final int padLeft;
    private final int phases;
    private final int dilationW;
    private final int strideH;
    private final int dilationH;
    /** Floats per row of one phase. */
    final int rowLength;
    /** Floats per phase: all padded rows. */
    final int phaseSize;
    /** Floats of the whole scratch array. */
    final int size;

    DepthwisePaddedPlane(ConvParams p) {
        inHeight = p.inHeight();
        inWidth = p.inWidth();
        padTop = p.padTop();
        padLeft = p.padLeft();
        phases = p.strideW();
        dilationW = p.dilationW();
        strideH = p.strideH();
        dilationH = p.dilationH();
        int paddedWidth = p.padLeft() + p.inWidth() + p.padRight();
        int paddedHeight = p.padTop() + p.inHeight() + p.padBottom();
        rowLength = (paddedWidth + phases - 1) / phases;
        phaseSize = Math.multiplyExact(paddedHeight, rowLength);
        size = Math.addExact(Math.multiplyExact(phases, phaseSize), LANES);
    }

    /** Per thread, reused by every depthwise convolution that thread runs (one at a time). */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[1][0]);

    /**
     * This thread's scratch array, at least {@link #size} floats with the first {@code size} zero
     * (so the pads are). Reused rather than allocated per run: the zeroing costs the same memory
     * traffic as a fresh array but leaves nothing for the garbage collector.
     */
    float[] threadScratch() {
        float[][] holder = SCRATCH.get();
        if (holder[0].length < size) {
            holder[0] = new float[size];
        } else {
            java.util.Arrays.fill(holder[0], 0, size, 0f);
        }
        return holder[0];
    }

    /** Index in the scratch array of tap (ky, kx) for output (0, 0); add {@link #rowStart} and the output column. */
    int tapOffset(int ky, int kx) {
        int col = kx * dilationW;
        return (col % phases) * phaseSize + ky * dilationH * rowLength + col / phases;
    }

    /** Index offset of output row {@code oy}. */
    int rowStart(int oy) {
        return oy * strideH * rowLength;
    }

    /** Copies the {@code inHeight x inWidth} plane starting at float {@code first} of x into the scratch interior. */
    void fill(MemorySegment x, long first, float[] scratch) {
        fill(x, first, scratch, 0);
    }

    /** As {@link #fill(MemorySegment, long, float[])} into a plane that starts at {@code base} of the scratch array. */
    void fill(MemorySegment x, long first, float[] scratch, int base) {
        for (int iy = 0; iy < inHeight; iy++) {
            long src = first + (long) iy * inWidth;
            int row = base + (padTop + iy) * rowLength;
            switch (phases) {
                case 1 -> MemorySegment.copy(x, ValueLayout.JAVA_FLOAT_UNALIGNED, src * Float.BYTES,
                        scratch, row + padLeft, inWidth);
                case 2 -> deinterleave(x, src, scratch, row);
                default -> {
                    for (int ix = 0; ix < inWidth; ix++) {
                        int c = padLeft + ix;
                        scratch[(c % phases) * phaseSize + row + c / phases] =
                                x.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, src + ix);
                    }
                }
            }
        }
    }

    /**
     * Stride 2: even padded columns to phase 0, odd ones to phase 1. Two vectors in, two out per
     * step; the last step loads and stores under masks.
     */
    private void deinterleave(MemorySegment x, long src, float[] scratch, int row) {
        for (int ix = 0; ix < inWidth; ix += 2 * LANES) {
            int c = padLeft + ix; // padded column of element ix; the even elements go to c's phase
            int evenAt = (c & 1) * phaseSize + row + (c >> 1);
            int oddAt = ((c + 1) & 1) * phaseSize + row + ((c + 1) >> 1);
            long at = (src + ix) * Float.BYTES;
            if (ix + 2 * LANES <= inWidth) {
                FloatVector a = FloatVector.fromMemorySegment(SPECIES, x, at, NATIVE);
                FloatVector b = FloatVector.fromMemorySegment(SPECIES, x, at + LANES * Float.BYTES, NATIVE);
                EVEN_LANES.selectFrom(a, b).intoArray(scratch, evenAt);
                ODD_LANES.selectFrom(a, b).intoArray(scratch, oddAt);
            } else {
                int left = inWidth - ix;
                FloatVector a = FloatVector.fromMemorySegment(SPECIES, x, at, NATIVE,
                        SPECIES.indexInRange(0, left));
                FloatVector b = FloatVector.fromMemorySegment(SPECIES, x, at + LANES * Float.BYTES, NATIVE,
                        SPECIES.indexInRange(LANES, left));
                EVEN_LANES.selectFrom(a, b).intoArray(scratch, evenAt, SPECIES.indexInRange(0, (left + 1) / 2));
                ODD_LANES.selectFrom(a, b).intoArray(scratch, oddAt, SPECIES.indexInRange(0, left / 2));
            }
        }
    }

    private static FloatVector lanes(int firstIndex) {
        float[] idx = new float[LANES];
        for (int i = 0; i < LANES; i++) {
            idx[i] = firstIndex + 2 * i;
        }
        return FloatVector.fromArray(SPECIES, idx, 0);
    }
}
