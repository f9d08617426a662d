package io.jdeepface.engine.ops.layout;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import java.lang.foreign.MemorySegment;

/**
 * Element moves that only know the element size (1, 2, 4 or 8 bytes), so that layout ops work on
 * float32, int64 and the other types alike. Indices and strides are in elements. A float is
 * moved as its int bits, so NaN payloads survive.
 */
final class Elements {
    private Elements() {}

    static boolean supportedSize(int size) {
        return size == 1 || size == 2 || size == 4 || size == 8;
    }

    /** dst[dstIdx + i] = src[srcIdx + i * srcStride] for i in [0, n). */
    static void gather(MemorySegment src, long srcIdx, long srcStride, MemorySegment dst, long dstIdx, int n, int size) {
        switch (size) {
            case 4 -> {
                for (int i = 0; i < n; i++) {
                    dst.setAtIndex(JAVA_INT_UNALIGNED, dstIdx + i, src.getAtIndex(JAVA_INT_UNALIGNED, srcIdx + i * srcStride));
                }
            }
            case 8 -> {
                for (int i = 0; i < n; i++) {
                    dst.setAtIndex(JAVA_LONG_UNALIGNED, dstIdx + i, src.getAtIndex(JAVA_LONG_UNALIGNED, srcIdx + i * srcStride));
                }
            }
            case 2 -> {
                for (int i = 0; i < n; i++) {
                    dst.setAtIndex(JAVA_SHORT_UNALIGNED, dstIdx + i, src.getAtIndex(JAVA_SHORT_UNALIGNED, srcIdx + i * srcStride));
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    dst.set(JAVA_BYTE, dstIdx + i, src.get(JAVA_BYTE, srcIdx + i * srcStride));
                }
            }
        }
    }

    /** Copies n contiguous elements. */
    static void copy(MemorySegment src, long srcIdx, MemorySegment dst, long dstIdx, long n, int size) {
        copyBytes(src, srcIdx * size, dst, dstIdx * size, n * size);
    }

    /**
     * Copies bytes between non-overlapping regions. Runs under 64 bytes (a slice of 2 values per
     * anchor) go through a plain loop: a bulk copy call costs more than moving them.
     */
    static void copyBytes(MemorySegment src, long srcOff, MemorySegment dst, long dstOff, long bytes) {
        if (bytes >= 64) {
            MemorySegment.copy(src, srcOff, dst, dstOff, bytes);
            return;
        }
        long i = 0;
        for (; i + 8 <= bytes; i += 8) {
            dst.set(JAVA_LONG_UNALIGNED, dstOff + i, src.get(JAVA_LONG_UNALIGNED, srcOff + i));
        }
        for (; i < bytes; i++) {
            dst.set(JAVA_BYTE, dstOff + i, src.get(JAVA_BYTE, srcOff + i));
        }
    }

    /** dst[dstIdx + i * dstStride] = src[srcIdx + i] for i in [0, n). */
    static void scatter(MemorySegment src, long srcIdx, MemorySegment dst, long dstIdx, long dstStride, int n, int size) {
        switch (size) {
            case 4 -> {
                for (int i = 0; i < n; i++) {
                    dst.setAtIndex(JAVA_INT_UNALIGNED, dstIdx + i * dstStride, src.getAtIndex(JAVA_INT_UNALIGNED, srcIdx + i));
                }
            }
            case 8 -> {
                for (int i = 0; i < n; i++) {
                    dst.setAtIndex(JAVA_LONG_UNALIGNED, dstIdx + i * dstStride, src.getAtIndex(JAVA_LONG_UNALIGNED, srcIdx + i));
                }
            }
            case 2 -> {
                for (int i = 0; i < n; i++) {
                    dst.setAtIndex(JAVA_SHORT_UNALIGNED, dstIdx + i * dstStride, src.getAtIndex(JAVA_SHORT_UNALIGNED, srcIdx + i));
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    dst.set(JAVA_BYTE, dstIdx + i * dstStride, src.get(JAVA_BYTE, srcIdx + i));
                }
            }
        }
    }

    /** Copies one element. */
    static void copyOne(MemorySegment src, long srcIdx, MemorySegment dst, long dstIdx, int size) {
        switch (size) {
            case 4 -> dst.setAtIndex(JAVA_INT_UNALIGNED, dstIdx, src.getAtIndex(JAVA_INT_UNALIGNED, srcIdx));
            case 8 -> dst.setAtIndex(JAVA_LONG_UNALIGNED, dstIdx, src.getAtIndex(JAVA_LONG_UNALIGNED, srcIdx));
            case 2 -> dst.setAtIndex(JAVA_SHORT_UNALIGNED, dstIdx, src.getAtIndex(JAVA_SHORT_UNALIGNED, srcIdx));
            default -> dst.set(JAVA_BYTE, dstIdx, src.get(JAVA_BYTE, srcIdx));
        }
    }

    /** dst[dstIdx .. dstIdx + n) = the element whose raw bits are {@code bits}. */
    static void fill(MemorySegment dst, long dstIdx, long n, long bits, int size) {
        switch (size) {
            case 4 -> {
                int v = (int) bits;
                for (long i = 0; i < n; i++) {
                    dst.setAtIndex(JAVA_INT_UNALIGNED, dstIdx + i, v);
                }
            }
            case 8 -> {
                for (long i = 0; i < n; i++) {
                    dst.setAtIndex(JAVA_LONG_UNALIGNED, dstIdx + i, bits);
                }
            }
            case 2 -> {
                short v = (short) bits;
                for (long i = 0; i < n; i++) {
                    dst.setAtIndex(JAVA_SHORT_UNALIGNED, dstIdx + i, v);
                }
            }
            default -> dst.asSlice(dstIdx, n).fill((byte) bits);
        }
    }
}
