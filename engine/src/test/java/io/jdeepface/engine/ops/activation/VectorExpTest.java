package io.jdeepface.engine.ops.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/**
 * VectorExp equals, bit for bit, a scalar transcription of the same operations. Scalar float
 * arithmetic is exact IEEE in every JIT tier, so this shows the vector result does not depend on
 * the tier either; accuracy is then checked against double precision.
 */
class VectorExpTest {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    static float exp(float x) {
        float xc = Math.min(Math.max(x, -110f), 89f);
        float t = xc * 1.44269504088896341f + 12582912f;
        float n = t - 12582912f;
        float r = xc - n * 0.693359375f - n * -2.12194440e-4f;
        float z = r * r;
        float p = ((((((r * 1.9875691500E-4f + 1.3981999507E-3f) * r + 8.3334519073E-3f) * r
                + 4.1665795894E-2f) * r + 1.6666665459E-1f) * r + 5.0000001201E-1f) * z + r) + 1f;
        int ni = Float.floatToRawIntBits(t) - Float.floatToRawIntBits(12582912f);
        int half = ni >> 1;
        return p * Float.intBitsToFloat((half + 127) << 23) * Float.intBitsToFloat((ni - half + 127) << 23);
    }

    static float tanh(float x) {
        float a = Math.abs(x);
        float z = a * a;
        float small = ((((z * -5.70498872745E-3f + 2.06390887954E-2f) * z + -5.37397155531E-2f) * z
                + 1.33314422036E-1f) * z + -3.33332819422E-1f) * z * a + a;
        float e1 = exp(a + a) + 1f;
        float large = -(2f / e1) + 1f;
        float y = a <= 0.625f ? small : large;
        return Float.intBitsToFloat(Float.floatToRawIntBits(y) | (Float.floatToRawIntBits(x) & 0x80000000));
    }

    /** Random values in [-100, 100] and around the edges, then the special values. */
    static float[] inputs() {
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f,
            Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 88.7228f, 88.7229f, 88.72283f,
            -87.3365f, -87.34f, -103.27893f, -103.972f, -103.973f, -104f, -109.9f, -110f, -150f, 0.625f,
            -0.625f, 0.62500006f, 1e-20f, -1e-20f, 9f, -9f, 0.5f * (float) Math.log(2), -0.5f * (float) Math.log(2)};
        int n = 4096;
        float[] v = new float[n + special.length];
        Random rnd = new Random(42);
        for (int i = 0; i < n; i++) {
            v[i] = i % 4 == 0 ? (float) (rnd.nextGaussian() * 2) : (float) (rnd.nextDouble() * 200 - 100);
        }
        System.arraycopy(special, 0, v, n, special.length);
        return v;
    }

    static float[] vectorOf(float[] in, boolean tanh) {
        float[] out = new float[in.length];
        float[] lanes = new float[S.length()];
        for (int i = 0; i < in.length; i += S.length()) {
            for (int k = 0; k < lanes.length; k++) {
                lanes[k] = i + k < in.length ? in[i + k] : 0f;
            }
            FloatVector x = FloatVector.fromArray(S, lanes, 0);
            float[] y = (tanh ? VectorExp.tanh(x) : VectorExp.exp(x)).toArray();
            System.arraycopy(y, 0, out, i, Math.min(lanes.length, in.length - i));
        }
        return out;
    }

    @Test
    void vectorEqualsScalarTranscriptionBitForBit() {
        float[] in = inputs();
        // twice: the second pass usually runs C2-compiled code, the first one interpreted or C1
        for (int pass = 0; pass < 2; pass++) {
            float[] e = vectorOf(in, false);
            float[] t = vectorOf(in, true);
            for (int i = 0; i < in.length; i++) {
                assertEquals(Float.floatToRawIntBits(exp(in[i])), Float.floatToRawIntBits(e[i]), "exp(" + in[i] + ")");
                assertEquals(Float.floatToRawIntBits(tanh(in[i])), Float.floatToRawIntBits(t[i]), "tanh(" + in[i] + ")");
                // the scalar forms the kernels use for loop tails
                assertEquals(Float.floatToRawIntBits(e[i]), Float.floatToRawIntBits(VectorExp.exp(in[i])), "tail exp");
                assertEquals(Float.floatToRawIntBits(t[i]), Float.floatToRawIntBits(VectorExp.tanh(in[i])), "tail tanh");
            }
        }
    }

    @Test
    void specialValues() {
        assertTrue(Float.isNaN(exp(Float.NaN)) && Float.isNaN(tanh(Float.NaN)));
        assertEquals(Float.POSITIVE_INFINITY, exp(Float.POSITIVE_INFINITY));
        assertEquals(Float.POSITIVE_INFINITY, exp(88.7229f), "past ln(Float.MAX_VALUE)");
        assertTrue(Float.isFinite(exp(88.72283f)), "just below ln(Float.MAX_VALUE)");
        assertEquals(0f, exp(Float.NEGATIVE_INFINITY));
        assertEquals(0f, exp(-104f));
        assertEquals(Float.MIN_VALUE, exp(-103.27893f), "exp(ln(MIN_VALUE)) is the smallest denormal");
        assertEquals(1f, exp(0f));
        assertEquals(1f, exp(-0f));
        assertEquals(1f, tanh(Float.POSITIVE_INFINITY));
        assertEquals(-1f, tanh(Float.NEGATIVE_INFINITY));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(tanh(-0f)));
    }

    /** Over a dense sweep of the whole range, within 2 ulps of the correctly rounded float. */
    @Test
    void withinTwoUlpsOfDoublePrecision() {
        for (float x = -103.97f; x < 88.72f; x += 0.00731f) {
            assertTrue(ulps(exp(x), (float) Math.exp(x)) <= 2, "exp(" + x + ") = " + exp(x));
        }
        for (float x = -12f; x < 12f; x += 0.000731f) {
            assertTrue(ulps(tanh(x), (float) Math.tanh(x)) <= 2, "tanh(" + x + ") = " + tanh(x));
        }
    }

    static int ulps(float a, float b) {
        return Math.abs(Float.floatToIntBits(a) - Float.floatToIntBits(b)); // same sign here
    }
}
