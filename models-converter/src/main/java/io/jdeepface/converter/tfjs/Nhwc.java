package io.jdeepface.converter.tfjs;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * TF.js keeps images as NHWC, the IR as NCHW. A permutation {@code perm} here means what ONNX
 * Transpose means: output dimension {@code i} is input dimension {@code perm[i]}.
 */
final class Nhwc {
    /** NHWC to NCHW. */
    static final long[] TO_NCHW = {0, 3, 1, 2};
    /** NCHW to NHWC. */
    static final long[] TO_NHWC = {0, 2, 3, 1};
    /** TF's conv filter HWIO to ONNX's OIHW. */
    static final long[] HWIO_TO_OIHW = {3, 2, 0, 1};
    /** TF's depthwise filter [H, W, C, M] to [C, M, H, W]; a reshape then gives ONNX's [C*M, 1, H, W]. */
    static final long[] HWCM_TO_CMHW = {2, 3, 0, 1};

    private Nhwc() {}

    /** Where NHWC axis {@code axis} (0..3) lives in NCHW. */
    static int axisInNchw(int axis) {
        return switch (axis) {
            case 0 -> 0;
            case 1 -> 2;
            case 2 -> 3;
            case 3 -> 1;
            default -> throw new IllegalArgumentException("axis " + axis + " of a 4-D tensor");
        };
    }

    static long[] permute(long[] shape, long[] perm) {
        long[] out = new long[perm.length];
        for (int i = 0; i < perm.length; i++) {
            out[i] = shape[(int) perm[i]];
        }
        return out;
    }

    /**
     * Transposes a dense tensor of any element size. {@code shape} is the input shape; the result
     * has shape {@code permute(shape, perm)}. Bytes of an element are moved as they are, so the
     * byte order is kept.
     */
    static MemorySegment permute(MemorySegment data, long[] shape, long[] perm, int elementSize) {
        int rank = shape.length;
        long[] outShape = permute(shape, perm);
        long[] inStrides = strides(shape);
        // Stride in the input of each output dimension, so that we can walk the output in order.
        long[] walk = new long[rank];
        for (int i = 0; i < rank; i++) {
            walk[i] = inStrides[(int) perm[i]];
        }
        byte[] src = data.toArray(ValueLayout.JAVA_BYTE);
        int count = src.length / elementSize;
        byte[] out = new byte[src.length];
        long[] index = new long[rank];
        long from = 0;
        for (int o = 0; o < count; o++) {
            int at = (int) from * elementSize;
            int to = o * elementSize;
            for (int b = 0; b < elementSize; b++) {
                out[to + b] = src[at + b];
            }
            // Advance the output index like an odometer, tracking the matching input position.
            for (int d = rank - 1; d >= 0; d--) {
                index[d]++;
                from += walk[d];
                if (index[d] < outShape[d]) {
                    break;
                }
                from -= walk[d] * index[d];
                index[d] = 0;
            }
        }
        return MemorySegment.ofArray(out);
    }

    private static long[] strides(long[] shape) {
        long[] s = new long[shape.length];
        long acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /**
     * True when NHWC and NCHW hold a 4-D tensor's elements in the same order, so that a
     * flattening reshape needs no transpose: at most one of H, W and C is larger than 1.
     */
    static boolean sameOrderInBothLayouts(long[] nhwcShape) {
        int bigger = 0;
        for (int i = 1; i < 4; i++) {
            if (nhwcShape[i] != 1) {
                bigger++;
            }
        }
        return bigger <= 1;
    }
}
