package io.jdeepface.converter.parity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The parity bound of the engine issue, per output tensor: max|ours − ref| ≤ 1e-4·max(1, max|ref|).
 * The scale is the tensor's, not each element's: a box regressor whose values reach 70 accumulates
 * float32 rounding of that size in every element, including the ones that end up near zero, and
 * ONNX Runtime's own result differs from exact arithmetic by the same amount.
 */
final class ParityCheck {
    static final double TOLERANCE = 1e-4;
    static final double MIN_COSINE = 0.99999;

    private ParityCheck() {}

    static void assertClose(String what, long[] refShape, float[] ref, long[] ourShape, float[] ours) {
        assertArrayEquals(refShape, ourShape, what + ": shape");
        assertEquals(ref.length, ours.length, what + ": element count");
        double scale = 1;
        for (float r : ref) {
            scale = Math.max(scale, Math.abs(r));
        }
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < ref.length; i++) {
            double err = Math.abs(ours[i] - ref[i]);
            if (!(err <= worst)) { // also catches NaN
                worst = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err;
                worstAt = i;
            }
        }
        // One line per comparison in the test's output file: the figures the closing notes quote.
        System.out.printf(java.util.Locale.ROOT, "parity %s: max abs error %.3g, scale %.3g, ratio to bound %.3f%n",
                what, worst, scale, worst / (TOLERANCE * scale));
        if (worst > TOLERANCE * scale) {
            fail(String.format("%s: element %d is %s, reference %s (error %.3g > %.0g x scale %.3g)", what,
                    worstAt, ours[worstAt], ref[worstAt], worst, TOLERANCE, scale));
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
