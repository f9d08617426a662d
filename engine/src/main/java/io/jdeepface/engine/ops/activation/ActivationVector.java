package io.jdeepface.engine.ops.activation;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API activations over ranges of a buffer, for standalone activation nodes and for the
 * epilogue of Conv and Gemm kernels (applied to a freshly written output row while it is still in
 * L1). Same contract and results as {@link ActivationReference}: bit for bit for the piecewise-linear
 * kinds, within 1e-6 relative for sigmoid, exp and tanh, which use {@link VectorExp}: not the JDK's
 * {@code lanewise(EXP)}, whose result depends on the JIT tier.
 *
 * <p>The switch on the kind sits outside the loops on purpose: a switch per vector makes C2 merge
 * vectors from different branches, which it does by boxing them, and that measured twice as slow
 * as the whole 3x3 convolution it ended. Load this class only when {@code VectorSupport.enabled()}.
 */
public final class ActivationVector {
    /** The widest vector the CPU runs natively: 16 floats with AVX-512, 8 with AVX2. */
    public static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final int LANES = SPECIES.length();
    private static final int BYTES = LANES * Float.BYTES;

    private ActivationVector() {}

    /** In place over {@code buf[first, first + count)}; {@code slope} is PRelu's single slope. */
    public static void apply(Activation a, MemorySegment buf, long first, long count, float slope) {
        apply(a, buf, buf, first, count, slope);
    }

    /** {@code dst[i] = a(src[i])} for i in [first, first + count); src and dst may be the same. */
    public static void apply(Activation a, MemorySegment src, MemorySegment dst, long first, long count,
                             float slope) {
        switch (a.kind()) {
            case NONE -> {
                if (src != dst) {
                    MemorySegment.copy(src, first * Float.BYTES, dst, first * Float.BYTES, count * Float.BYTES);
                }
            }
            case RELU -> clip(src, dst, first, count, 0f, Float.POSITIVE_INFINITY);
            case CLIP -> clip(src, dst, first, count, a.min(), a.max());
            case LEAKY_RELU -> scaleNegative(src, dst, first, count, a.alpha());
            case PRELU -> scaleNegative(src, dst, first, count, slope);
            case SIGMOID -> sigmoid(src, dst, first, count);
        }
    }

    /** PRelu with one slope per element, as {@link ActivationReference#prelu}. */
    public static void prelu(MemorySegment src, MemorySegment dst, long first, long count,
                             MemorySegment slopes, long slopeFirst) {
        VectorMask<Float> m = tail(count % LANES); // hoisted: see tail
        long i = 0;
        for (long upper = count - LANES; i <= upper; i += LANES) {
            FloatVector x = FloatVector.fromMemorySegment(SPECIES, src, (first + i) * Float.BYTES, NATIVE);
            FloatVector s = FloatVector.fromMemorySegment(SPECIES, slopes, (slopeFirst + i) * Float.BYTES, NATIVE);
            x.mul(s).blend(x, x.compare(VectorOperators.GE, 0f))
                    .intoMemorySegment(dst, (first + i) * Float.BYTES, NATIVE);
        }
        if (i < count) {
            FloatVector x = FloatVector.fromMemorySegment(SPECIES, src, (first + i) * Float.BYTES, NATIVE, m);
            FloatVector s = FloatVector.fromMemorySegment(SPECIES, slopes, (slopeFirst + i) * Float.BYTES, NATIVE, m);
            x.mul(s).blend(x, x.compare(VectorOperators.GE, 0f))
                    .intoMemorySegment(dst, (first + i) * Float.BYTES, NATIVE, m);
        }
    }

    /** {@code dst[i] = tanh(src[i])}. */
    public static void tanh(MemorySegment src, MemorySegment dst, long first, long count) {
        long i = first * Float.BYTES;
        long end = (first + count) * Float.BYTES;
        for (long upper = end - BYTES; i <= upper; i += BYTES) {
            VectorExp.tanh(FloatVector.fromMemorySegment(SPECIES, src, i, NATIVE))
                    .intoMemorySegment(dst, i, NATIVE);
        }
        for (; i < end; i += Float.BYTES) { // scalar tail, bit for bit the same: see VectorExp
            dst.set(FLOAT, i, VectorExp.tanh(src.get(FLOAT, i)));
        }
    }

    /** {@code dst[i] = e^src[i]}. */
    public static void exp(MemorySegment src, MemorySegment dst, long first, long count) {
        long i = first * Float.BYTES;
        long end = (first + count) * Float.BYTES;
        for (long upper = end - BYTES; i <= upper; i += BYTES) {
            VectorExp.exp(FloatVector.fromMemorySegment(SPECIES, src, i, NATIVE))
                    .intoMemorySegment(dst, i, NATIVE);
        }
        for (; i < end; i += Float.BYTES) { // scalar tail, bit for bit the same: see VectorExp
            dst.set(FLOAT, i, VectorExp.exp(src.get(FLOAT, i)));
        }
    }

    /** min(max(x, lo), hi): Relu and Clip. NaN stays NaN (Java's max and min propagate it). */
    private static void clip(MemorySegment src, MemorySegment dst, long first, long count, float lo, float hi) {
        VectorMask<Float> m = tail(count % LANES); // hoisted: see tail
        long i = first * Float.BYTES;
        long end = (first + count) * Float.BYTES;
        for (long upper = end - BYTES; i <= upper; i += BYTES) {
            FloatVector.fromMemorySegment(SPECIES, src, i, NATIVE).max(lo).min(hi)
                    .intoMemorySegment(dst, i, NATIVE);
        }
        if (i < end) {
            FloatVector.fromMemorySegment(SPECIES, src, i, NATIVE, m).max(lo).min(hi)
                    .intoMemorySegment(dst, i, NATIVE, m);
        }
    }

    /**
     * x >= 0 ? x : x * slope: LeakyRelu and PRelu with one slope. Written as a blend so that NaN
     * (compares false, NaN * s is NaN) and -0.0 (kept) match the scalar form.
     */
    private static void scaleNegative(MemorySegment src, MemorySegment dst, long first, long count, float slope) {
        VectorMask<Float> m = tail(count % LANES); // hoisted: see tail
        long i = first * Float.BYTES;
        long end = (first + count) * Float.BYTES;
        for (long upper = end - BYTES; i <= upper; i += BYTES) {
            FloatVector x = FloatVector.fromMemorySegment(SPECIES, src, i, NATIVE);
            x.mul(slope).blend(x, x.compare(VectorOperators.GE, 0f)).intoMemorySegment(dst, i, NATIVE);
        }
        if (i < end) {
            FloatVector x = FloatVector.fromMemorySegment(SPECIES, src, i, NATIVE, m);
            x.mul(slope).blend(x, x.compare(VectorOperators.GE, 0f)).intoMemorySegment(dst, i, NATIVE, m);
        }
    }

    /**
     * 1 / (1 + e^-x), computed from e^-|x| so that the exponential never overflows: for negative x
     * the result is e^x / (1 + e^x), which keeps full relative precision down to the denormals.
     */
    private static void sigmoid(MemorySegment src, MemorySegment dst, long first, long count) {
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        long i = first * Float.BYTES;
        long end = (first + count) * Float.BYTES;
        for (long upper = end - BYTES; i <= upper; i += BYTES) {
            FloatVector x = FloatVector.fromMemorySegment(SPECIES, src, i, NATIVE);
            FloatVector e = VectorExp.exp(x.abs().neg());
            FloatVector ofAbs = one.div(e.add(1f)); // sigmoid(|x|)
            e.mul(ofAbs).blend(ofAbs, x.compare(VectorOperators.GE, 0f)).intoMemorySegment(dst, i, NATIVE);
        }
        for (; i < end; i += Float.BYTES) { // scalar tail, bit for bit the same: see VectorExp
            float x = src.get(FLOAT, i);
            float e = VectorExp.exp(-Math.abs(x));
            float ofAbs = 1f / (e + 1f);
            dst.set(FLOAT, i, x >= 0f ? ofAbs : e * ofAbs);
        }
    }

    /**
     * The first {@code n < LANES} lanes. Built from a bit pattern: {@code indexInRange} with a
     * variable bound allocated a boxed mask per call. Callers build it on entry, not in the rarely
     * taken tail branch: C2 does not inline the mask factory at a cold call site, and its
     * interpreted fallback allocates.
     */
    private static VectorMask<Float> tail(long n) {
        return VectorMask.fromLong(SPECIES, (1L << n) - 1);
    }
}
