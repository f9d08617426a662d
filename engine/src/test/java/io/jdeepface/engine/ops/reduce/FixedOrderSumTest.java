package io.jdeepface.engine.ops.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class FixedOrderSumTest {
    private static final int L = FixedOrderSum.lanes();

    /** Values of very different magnitudes, so that a different addition order gives other bits. */
    private static float[] awkward(Random rnd) {
        float[] a = new float[L];
        for (int i = 0; i < L; i++) {
            a[i] = (float) ((rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(9) - 4));
        }
        return a;
    }

    @Test
    void vectorTreeMatchesTheScalarTreeBitForBit() {
        Random rnd = new Random(7);
        for (int t = 0; t < 2_000; t++) {
            float[] a = awkward(rnd);
            FloatVector v = FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, a, 0);
            assertEquals(Float.floatToRawIntBits(FixedOrderSum.sumReference(a)),
                    Float.floatToRawIntBits(FixedOrderSum.sum(v)), () -> java.util.Arrays.toString(a));
        }
    }

    @Test
    void sameBitsInEveryJitTier() {
        // Enough calls for the interpreter, C1 and C2 to each run sum(); every answer must agree.
        Random rnd = new Random(11);
        float[][] inputs = new float[64][];
        int[] first = new int[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = awkward(rnd);
            first[i] = Float.floatToRawIntBits(FixedOrderSum.sum(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, inputs[i], 0)));
        }
        for (int round = 0; round < 3_000; round++) {
            for (int i = 0; i < inputs.length; i++) {
                int bits = Float.floatToRawIntBits(FixedOrderSum.sum(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, inputs[i], 0)));
                if (bits != first[i]) {
                    assertEquals(first[i], bits, "input " + i + " in round " + round);
                }
            }
        }
    }

    @Test
    void specialValuesFollowIeee() {
        float[] a = new float[L];
        a[0] = Float.POSITIVE_INFINITY;
        assertEquals(Float.POSITIVE_INFINITY, FixedOrderSum.sum(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, a, 0)));
        a[L - 1] = Float.NEGATIVE_INFINITY;
        assertEquals(Float.NaN, FixedOrderSum.sum(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, a, 0)));
        float[] ones = new float[L];
        java.util.Arrays.fill(ones, 1f);
        assertEquals(L, FixedOrderSum.sum(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, ones, 0)));
    }
}
