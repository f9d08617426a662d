package io.jdeepface.engine.ops.activation;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Deterministic vector exp and tanh (the Cephes single-precision algorithms), built only from
 * add, mul, div, min/max, compare, blend and bit operations. Those are exact IEEE operations, so
 * the result is the same bit for bit in the interpreter, C1 and C2. The JDK's
 * {@code lanewise(EXP)} is not: C2 calls a vector math stub while the other tiers fall back to
 * {@code Math.exp} per lane, and the two differ in the last bit, so a model gave slightly
 * different outputs before and after warm-up. Within 2 ulps of the correctly rounded float.
 *
 * <p>Both methods are short on purpose: C2 must inline them into the caller's loop, otherwise it
 * boxes the vectors passed across the call.
 */
public final class VectorExp {
    private static final float LOG2E = 1.44269504088896341f;
    /** ln 2 split in two: C1 has few bits, so n * C1 is exact for every n used here. */
    private static final float C1 = 0.693359375f;
    private static final float C2 = -2.12194440e-4f;
    /** Adding 1.5 * 2^23 rounds to the nearest integer, which lands in the low mantissa bits. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    /** exp(89) overflows, exp(-110) is below half the smallest denormal: both ends saturate. */
    private static final float HI = 89f;
    private static final float LO = -110f;
    private static final int SIGN = 0x80000000;

    private VectorExp() {}

    /** e^x per lane: NaN stays NaN, overflow gives +inf, underflow denormals then 0. */
    public static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(LO).min(HI); // Java's max and min propagate NaN
        FloatVector t = xc.mul(LOG2E).add(ROUNDER);
        FloatVector n = t.sub(ROUNDER); // round(x / ln 2)
        FloatVector r = xc.sub(n.mul(C1)).sub(n.mul(C2)); // |r| <= ln2 / 2
        FloatVector z = r.mul(r);
        FloatVector p = r.mul(1.9875691500E-4f).add(1.3981999507E-3f).mul(r).add(8.3334519073E-3f)
                .mul(r).add(4.1665795894E-2f).mul(r).add(1.6666665459E-1f).mul(r).add(5.0000001201E-1f)
                .mul(z).add(r).add(1f);
        // 2^n as 2^(n/2) * 2^(n - n/2): both factors stay normal down to n = -159, where a single
        // 2^n would not exist, so the one rounding into the denormals happens at the last multiply
        IntVector ni = t.reinterpretAsInts().sub(ROUNDER_BITS);
        IntVector half = ni.lanewise(VectorOperators.ASHR, 1);
        FloatVector s1 = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = ni.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(s1).mul(s2);
    }

    /** tanh(x) per lane, odd to the sign bit (tanh(-0) = -0): NaN stays NaN, +-inf gives +-1. */
    public static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector z = a.mul(a);
        FloatVector small = z.mul(-5.70498872745E-3f).add(2.06390887954E-2f).mul(z).add(-5.37397155531E-2f)
                .mul(z).add(1.33314422036E-1f).mul(z).add(-3.33332819422E-1f).mul(z).mul(a).add(a);
        FloatVector e1 = exp(a.add(a)).add(1f); // 1 - 2 / (e^2a + 1): no overflow, NaN stays NaN
        FloatVector large = e1.broadcast(2f).div(e1).neg().add(1f);
        FloatVector y = large.blend(small, a.compare(VectorOperators.LE, 0.625f));
        IntVector sign = x.reinterpretAsInts().and(SIGN);
        return y.reinterpretAsInts().or(sign).reinterpretAsFloats();
    }

    /**
     * {@link #exp(FloatVector)} one lane at a time, bit for bit the same, for loop tails: a vector
     * call in a rarely taken tail branch is not inlined, and C2 then boxes the vectors it passes.
     */
    public static float exp(float x) {
        float xc = Math.min(Math.max(x, LO), HI);
        float t = xc * LOG2E + ROUNDER;
        float n = t - ROUNDER;
        float r = xc - n * C1 - n * C2;
        float p = (((((r * 1.9875691500E-4f + 1.3981999507E-3f) * r + 8.3334519073E-3f) * r + 4.1665795894E-2f)
                * r + 1.6666665459E-1f) * r + 5.0000001201E-1f) * (r * r) + r + 1f;
        int ni = Float.floatToRawIntBits(t) - ROUNDER_BITS;
        int half = ni >> 1;
        return p * Float.intBitsToFloat((half + 127) << 23) * Float.intBitsToFloat((ni - half + 127) << 23);
    }

    /** {@link #tanh(FloatVector)} one lane at a time, bit for bit the same. */
    public static float tanh(float x) {
        float a = Math.abs(x);
        float z = a * a;
        float small = ((((z * -5.70498872745E-3f + 2.06390887954E-2f) * z + -5.37397155531E-2f) * z
                + 1.33314422036E-1f) * z + -3.33332819422E-1f) * z * a + a;
        float e1 = exp(a + a) + 1f;
        float y = a <= 0.625f ? small : -(2f / e1) + 1f;
        return Float.intBitsToFloat(Float.floatToRawIntBits(y) | (Float.floatToRawIntBits(x) & SIGN));
    }
}
