package io.jdeepface.engine.ops.activation;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API activations: on one register (for the fused epilogue of Conv and Gemm kernels) and
 * over ranges of a buffer (for standalone activation nodes). Same contract and results as
 * {@link ActivationReference} up to rounding: exp and tanh use the JDK's vector math intrinsics
 * (Intel SVML on x86), which we measured within 1 ulp of the correctly rounded float. Load this class
 * only when {@code VectorSupport.enabled()}.
 */
public final class ActivationVector {
    /** The widest vector the CPU runs natively: 16 floats with AVX-512, 8 with AVX2. */
    public static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    private static final int LANES = SPECIES.length();

    private ActivationVector() {}

    /**
     * {@code a} applied to every lane of {@code v}; {@code slope} holds PRelu's slope (ignored for the
     * other kinds). The switch is cheap next to the convolution it ends: one predictable branch.
     */
    public static FloatVector apply(Activation a, FloatVector v, FloatVector slope) {
        return switch (a.kind()) {
            case NONE -> v;
            case RELU -> v.max(0f);
            case CLIP -> v.max(a.min()).min(a.max());
            // x >= 0 ? x : x*alpha, written as a blend so that NaN and -0.0 behave as in the scalar form
            case LEAKY_RELU -> v.mul(a.alpha()).blend(v, v.compare(VectorOperators.GE, 0f));
            case PRELU -> v.mul(slope).blend(v, v.compare(VectorOperators.GE, 0f));
            case SIGMOID -> sigmoid(v);
        };
    }

    /**
     * 1 / (1 + e^-x), computed from e^-|x| so that the exponential never overflows: for negative x
     * the result is e^x / (1 + e^x), which keeps full relative precision down to the denormals.
     */
    public static FloatVector sigmoid(FloatVector v) {
        FloatVector e = v.abs().neg().lanewise(VectorOperators.EXP);
        FloatVector ofAbs = FloatVector.broadcast(SPECIES, 1f).div(e.add(1f)); // sigmoid(|x|)
        return e.mul(ofAbs).blend(ofAbs, v.compare(VectorOperators.GE, 0f));
    }

    /** In place over {@code buf[first, first + count)}; {@code slope} is PRelu's single slope. */
    public static void apply(Activation a, MemorySegment buf, long first, long count, float slope) {
        apply(a, buf, buf, first, count, slope);
    }

    /** {@code dst[i] = a(src[i])} for i in [first, first + count); src and dst may be the same. */
    public static void apply(Activation a, MemorySegment src, MemorySegment dst, long first, long count,
                             float slope) {
        if (a.kind() == Activation.Kind.NONE && src == dst) {
            return;
        }
        FloatVector slopes = FloatVector.broadcast(SPECIES, slope);
        long i = first;
        long end = first + count;
        for (long upper = end - LANES; i <= upper; i += LANES) {
            apply(a, load(src, i), slopes).intoMemorySegment(dst, i * Float.BYTES, NATIVE);
        }
        if (i < end) {
            VectorMask<Float> m = SPECIES.indexInRange(0, end - i);
            apply(a, load(src, i, m), slopes).intoMemorySegment(dst, i * Float.BYTES, NATIVE, m);
        }
    }

    /** PRelu with one slope per element, as {@link ActivationReference#prelu}. */
    public static void prelu(MemorySegment src, MemorySegment dst, long first, long count,
                             MemorySegment slopes, long slopeFirst) {
        Activation prelu = PRelu.PRELU;
        long i = 0;
        for (long upper = count - LANES; i <= upper; i += LANES) {
            apply(prelu, load(src, first + i), load(slopes, slopeFirst + i))
                    .intoMemorySegment(dst, (first + i) * Float.BYTES, NATIVE);
        }
        if (i < count) {
            VectorMask<Float> m = SPECIES.indexInRange(0, count - i);
            apply(prelu, load(src, first + i, m), load(slopes, slopeFirst + i, m))
                    .intoMemorySegment(dst, (first + i) * Float.BYTES, NATIVE, m);
        }
    }

    /** {@code dst[i] = tanh(src[i])}. */
    public static void tanh(MemorySegment src, MemorySegment dst, long first, long count) {
        lanewise(VectorOperators.TANH, src, dst, first, count);
    }

    /** {@code dst[i] = e^src[i]}. */
    public static void exp(MemorySegment src, MemorySegment dst, long first, long count) {
        lanewise(VectorOperators.EXP, src, dst, first, count);
    }

    private static void lanewise(VectorOperators.Unary op, MemorySegment src, MemorySegment dst,
                                 long first, long count) {
        long i = first;
        long end = first + count;
        for (long upper = end - LANES; i <= upper; i += LANES) {
            load(src, i).lanewise(op).intoMemorySegment(dst, i * Float.BYTES, NATIVE);
        }
        if (i < end) {
            VectorMask<Float> m = SPECIES.indexInRange(0, end - i);
            load(src, i, m).lanewise(op).intoMemorySegment(dst, i * Float.BYTES, NATIVE, m);
        }
    }

    private static FloatVector load(MemorySegment seg, long index) {
        return FloatVector.fromMemorySegment(SPECIES, seg, index * Float.BYTES, NATIVE);
    }

    private static FloatVector load(MemorySegment seg, long index, VectorMask<Float> m) {
        return FloatVector.fromMemorySegment(SPECIES, seg, index * Float.BYTES, NATIVE, m);
    }
}
