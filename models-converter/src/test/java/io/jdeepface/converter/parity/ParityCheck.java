package io.jdeepface.converter.parity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** The parity bound of the engine issue: |ours − ref| ≤ 1e-4·max(1, |ref|) for every element. */
final class ParityCheck {
    static final double TOLERANCE = 1e-4;
    static final double MIN_COSINE = 0.99999;

    private ParityCheck() {}

    static void assertClose(String what, long[] refShape, float[] ref, long[] ourShape, float[] ours) {
        assertArrayEquals(refShape, ourShape, what + ": shape");
        assertEquals(ref.length, ours.length, what + ": element count");
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < ref.length; i++) {
            double err = Math.abs(ours[i] - ref[i]) / Math.max(1, Math.abs(ref[i]));
            if (!(err <= worst)) { // also catches NaN
                worst = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err;
                worstAt = i;
            }
        }
        if (worst > TOLERANCE) {
            fail(String.format("%s: element %d is %s, reference %s (scaled error %.3g > %.0g)", what, worstAt,
                    ours[worstAt], ref[worstAt], worst, TOLERANCE));
        }
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
