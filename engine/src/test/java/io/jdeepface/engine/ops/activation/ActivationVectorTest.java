package io.jdeepface.engine.ops.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The vectorised activations against the scalar definition, on every size class and special value. */
class ActivationVectorTest {
    static final List<Activation> ALL = List.of(
            Activation.NONE,
            new Activation(Activation.Kind.RELU, 0, 0, 0),
            new Activation(Activation.Kind.CLIP, 0, 0f, 6f),
            new Activation(Activation.Kind.CLIP, 0, -1.5f, Float.POSITIVE_INFINITY),
            new Activation(Activation.Kind.LEAKY_RELU, 0.1f, 0, 0),
            new Activation(Activation.Kind.PRELU, 0, 0, 0),
            new Activation(Activation.Kind.SIGMOID, 0, 0, 0));
    static final int[] SIZES = {0, 1, 3, 13, 16, 17, 31, 1000, 1007, 1024 + 15};

    /** Exact kinds must match bit for bit (same IEEE operations); sigmoid within 1e-6 relative. */
    static void assertMatches(Activation a, float in, float got, float want) {
        boolean ok = a.kind() == Activation.Kind.SIGMOID ? Floats.close(got, want, 1e-6)
                : Float.floatToIntBits(got) == Float.floatToIntBits(want);
        assertTrue(ok, a + " of " + in + ": got " + got + ", want " + want);
    }

    @Test
    void rangesMatchScalarDefinition() {
        for (Activation a : ALL) {
            for (int n : SIZES) {
                for (int first : new int[] {0, 5}) { // an unaligned start and untouched neighbours
                    float[] in = Floats.mixed(n + first + 7, n);
                    float slope = 0.25f;
                    MemorySegment src = Floats.segment(in);
                    MemorySegment dst = Floats.segment(new float[in.length]);
                    MemorySegment inPlace = Floats.segment(in);
                    ActivationVector.apply(a, src, dst, first, n, slope);
                    ActivationVector.apply(a, inPlace, first, n, slope);
                    float[] out = Floats.array(dst);
                    float[] same = Floats.array(inPlace);
                    for (int i = 0; i < in.length; i++) {
                        boolean inside = i >= first && i < first + n;
                        float want = inside ? a.apply(in[i], slope) : 0f;
                        assertMatches(a, in[i], out[i], want);
                        assertMatches(a, in[i], same[i], inside ? want : in[i]);
                    }
                }
            }
        }
    }

    @Test
    void referenceRangesMatchScalarDefinition() {
        for (Activation a : ALL) {
            float[] in = Floats.mixed(40, 3);
            MemorySegment buf = Floats.segment(in);
            ActivationReference.apply(a, buf, 2, 30, -0.5f);
            float[] out = Floats.array(buf);
            for (int i = 0; i < in.length; i++) {
                float want = i >= 2 && i < 32 ? a.apply(in[i], -0.5f) : in[i];
                assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(out[i]), a + " at " + i);
            }
        }
    }

    @Test
    void sigmoidKeepsPrecisionInTheTails() {
        float[] in = {-90f, -80f, -50f, -20f, -1e-20f, 1e-20f, 15f, 17f, 40f};
        MemorySegment buf = Floats.segment(in);
        ActivationVector.apply(new Activation(Activation.Kind.SIGMOID, 0, 0, 0), buf, 0, in.length, 0);
        float[] out = Floats.array(buf);
        for (int i = 0; i < in.length; i++) {
            assertTrue(Floats.close(out[i], ActivationReference.sigmoid(in[i]), 1e-6),
                    "sigmoid(" + in[i] + ") = " + out[i]);
        }
        assertTrue(out[0] > 0, "sigmoid(-90) is a denormal, not 0");
    }

    @Test
    void expAndTanhMatchDoublePrecisionWithinOneMillionth() {
        for (int n : SIZES) {
            float[] in = Floats.mixed(n, 11 + n);
            MemorySegment src = Floats.segment(in);
            MemorySegment e = Floats.segment(new float[n]);
            MemorySegment t = Floats.segment(new float[n]);
            ActivationVector.exp(src, e, 0, n);
            ActivationVector.tanh(src, t, 0, n);
            float[] ev = Floats.array(e);
            float[] tv = Floats.array(t);
            for (int i = 0; i < n; i++) {
                assertTrue(Floats.close(ev[i], (float) Math.exp(in[i]), 1e-6), "exp(" + in[i] + ") = " + ev[i]);
                assertTrue(Floats.close(tv[i], (float) Math.tanh(in[i]), 1e-6), "tanh(" + in[i] + ") = " + tv[i]);
            }
        }
        float[] zeros = {-0f};
        MemorySegment z = Floats.segment(zeros);
        ActivationVector.tanh(z, z, 0, 1);
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(Floats.array(z)[0]), "tanh(-0) is -0");
    }

    @Test
    void preluWithOneSlopePerElement() {
        for (int n : SIZES) {
            float[] in = Floats.mixed(n + 3, n);
            float[] slopes = new float[n + 2];
            for (int i = 0; i < slopes.length; i++) {
                slopes[i] = (i % 7 - 3) * 0.3f;
            }
            MemorySegment src = Floats.segment(in);
            MemorySegment v = Floats.segment(new float[n + 3]);
            MemorySegment r = Floats.segment(new float[n + 3]);
            ActivationVector.prelu(src, v, 3, n, Floats.segment(slopes), 2);
            ActivationReference.prelu(src, r, 3, n, Floats.segment(slopes), 2);
            float[] got = Floats.array(v);
            float[] ref = Floats.array(r);
            for (int i = 0; i < n + 3; i++) {
                float want = i < 3 ? 0f : in[i] >= 0 ? in[i] : in[i] * slopes[i - 1];
                assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(ref[i]), "reference at " + i);
                assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(got[i]), "vector at " + i);
            }
        }
    }
}
