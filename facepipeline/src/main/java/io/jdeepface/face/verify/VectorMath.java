package io.jdeepface.face.verify;

/**
 * The two sums every distance is made of, over slices of float arrays so that an embedding store can
 * pass one big array. Four independent double accumulators let the CPU overlap the additions (a
 * single running sum makes each add wait for the previous one); doubles keep 512-term sums of
 * floats accurate to about 1e-15 relative. The summation order is fixed, so the same slices always
 * give bit-identical results, whichever caller computes them.
 */
public final class VectorMath {
    private VectorMath() {
    }

    /** {@code Σ a[aOff + i] · b[bOff + i]} for {@code i < n}. */
    public static double dot(float[] a, int aOff, float[] b, int bOff, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += (double) a[aOff + i] * b[bOff + i];
            s1 += (double) a[aOff + i + 1] * b[bOff + i + 1];
            s2 += (double) a[aOff + i + 2] * b[bOff + i + 2];
            s3 += (double) a[aOff + i + 3] * b[bOff + i + 3];
        }
        for (; i < n; i++) {
            s0 += (double) a[aOff + i] * b[bOff + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code Σ (a[aOff + i] − b[bOff + i])²} for {@code i < n}. */
    public static double squaredDistance(float[] a, int aOff, float[] b, int bOff, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double d0 = (double) a[aOff + i] - b[bOff + i];
            double d1 = (double) a[aOff + i + 1] - b[bOff + i + 1];
            double d2 = (double) a[aOff + i + 2] - b[bOff + i + 2];
            double d3 = (double) a[aOff + i + 3] - b[bOff + i + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < n; i++) {
            double d = (double) a[aOff + i] - b[bOff + i];
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }
}
