package io.jdeepface.engine.ops.activation;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Scalar activations over ranges of a float buffer: the plain-loop definitions that the vectorised
 * {@link ActivationVector} must match, and the kernels used when the Vector API is off.
 *
 * <p>Ranges are given as {@code first} (index of the first float, not a byte offset) and {@code count}
 * floats; {@code src} and {@code dst} may be the same segment (in place). Buffers are native byte
 * order, as everywhere in the engine.
 */
public final class ActivationReference {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private ActivationReference() {}

    /** {@code buf[i] = a(buf[i])} in place; {@code slope} is PRelu's (one slope for the whole range). */
    public static void apply(Activation a, MemorySegment buf, long first, long count, float slope) {
        apply(a, buf, buf, first, count, slope);
    }

    /** {@code dst[i] = a(src[i])} for i in [first, first + count). */
    public static void apply(Activation a, MemorySegment src, MemorySegment dst, long first, long count,
                             float slope) {
        for (long i = first, end = first + count; i < end; i++) {
            dst.setAtIndex(F32, i, a.apply(src.getAtIndex(F32, i), slope));
        }
    }

    /** PRelu with one slope per element: {@code dst[i] = src[i] >= 0 ? src[i] : src[i] * slopes[slopeFirst + i - first]}. */
    public static void prelu(MemorySegment src, MemorySegment dst, long first, long count,
                             MemorySegment slopes, long slopeFirst) {
        for (long i = 0; i < count; i++) {
            float x = src.getAtIndex(F32, first + i);
            dst.setAtIndex(F32, first + i, x >= 0 ? x : x * slopes.getAtIndex(F32, slopeFirst + i));
        }
    }

    /** {@code dst[i] = tanh(src[i])}. */
    public static void tanh(MemorySegment src, MemorySegment dst, long first, long count) {
        for (long i = first, end = first + count; i < end; i++) {
            dst.setAtIndex(F32, i, tanh(src.getAtIndex(F32, i)));
        }
    }

    /** {@code dst[i] = e^src[i]}. */
    public static void exp(MemorySegment src, MemorySegment dst, long first, long count) {
        for (long i = first, end = first + count; i < end; i++) {
            dst.setAtIndex(F32, i, exp(src.getAtIndex(F32, i)));
        }
    }

    /** Computed in double and rounded once, so the result is the correctly rounded float (almost always). */
    public static float tanh(float x) {
        return (float) Math.tanh(x);
    }

    public static float exp(float x) {
        return (float) Math.exp(x);
    }

    public static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }
}
