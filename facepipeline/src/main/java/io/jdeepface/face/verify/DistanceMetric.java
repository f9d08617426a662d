package io.jdeepface.face.verify;

import java.util.Locale;

/**
 * How far apart two embeddings are; smaller means more alike. The definitions are DeepFace's
 * ({@code deepface/modules/verification.py}, {@code find_distance}), so DeepFace's thresholds mean
 * the same thing here.
 *
 * <ul>
 *   <li>{@link #COSINE}: {@code 1 − cos(a, b)}, in [0, 2].
 *   <li>{@link #EUCLIDEAN}: {@code |a − b|}, on the scale of the raw embedding.
 *   <li>{@link #EUCLIDEAN_L2}: {@code |a/|a| − b/|b||}, in [0, 2]; equals {@code sqrt(2 − 2 cos)}.
 *   <li>{@link #ANGULAR}: {@code arccos(cos(a, b)) / π}, in [0, 1]. DeepFace passes the cosine to
 *       {@code arccos} unclamped (rounding past ±1 gives NaN there); here it is clamped to [−1, 1].
 * </ul>
 *
 * <p>Vectors of different lengths, and zero vectors for the metrics that divide by a norm, are an
 * {@link IllegalArgumentException}; so are NaN or infinite components (found from the result, so
 * they cost no extra pass).
 */
public enum DistanceMetric {
    COSINE("cosine", 2),
    EUCLIDEAN("euclidean", Double.POSITIVE_INFINITY),
    EUCLIDEAN_L2("euclidean_l2", 2),
    ANGULAR("angular", 1);

    private final String deepFaceName;
    private final double maxDistance;

    DistanceMetric(String deepFaceName, double maxDistance) {
        this.deepFaceName = deepFaceName;
        this.maxDistance = maxDistance;
    }

    /** The name DeepFace uses for this metric ({@code distance_metric=...}). */
    public String deepFaceName() {
        return deepFaceName;
    }

    /** The largest distance this metric can give; infinite for {@link #EUCLIDEAN}. */
    public double maxDistance() {
        return maxDistance;
    }

    /** The metric with DeepFace name {@code name} ("cosine", "euclidean", "euclidean_l2", "angular"), any case. */
    public static DistanceMetric fromName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (DistanceMetric m : values()) {
            if (m.deepFaceName.equals(n) || m.name().toLowerCase(Locale.ROOT).equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown distance metric '" + name
                + "'; use cosine, euclidean, euclidean_l2 or angular");
    }

    /** Whether the distance depends only on the angle between the vectors (not on their lengths). */
    public boolean usesNorms() {
        return this != EUCLIDEAN;
    }

    /** The distance between {@code a} and {@code b}. */
    public double distance(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("cannot compare embeddings of different lengths: "
                    + a.length + " and " + b.length + " (were they made by the same model?)");
        }
        return distance(a, 0, b, 0, a.length);
    }

    /** The distance between the slices {@code a[aOff, aOff + n)} and {@code b[bOff, bOff + n)}. */
    public double distance(float[] a, int aOff, float[] b, int bOff, int n) {
        if (this == EUCLIDEAN) {
            return checked(Math.sqrt(VectorMath.squaredDistance(a, aOff, b, bOff, n)));
        }
        return fromDot(VectorMath.dot(a, aOff, b, bOff, n),
                VectorMath.dot(a, aOff, a, aOff, n), VectorMath.dot(b, bOff, b, bOff, n));
    }

    /**
     * The distance from {@code a·b}, {@code a·a} and {@code b·b}, for {@link #usesNorms() norm-based}
     * metrics: an embedding store computes each stored vector's {@code b·b} once and then needs only
     * one dot product per comparison. Gives exactly what {@link #distance} gives when the sums come
     * from {@link VectorMath#dot}.
     */
    public double fromDot(double ab, double aa, double bb) {
        if (this == EUCLIDEAN) {
            throw new UnsupportedOperationException("euclidean distance needs the vectors, not only their dot products");
        }
        if (!(aa > 0 && bb > 0)) {
            if (Double.isNaN(aa) || Double.isNaN(bb)) {
                throw notFinite();
            }
            throw new IllegalArgumentException(deepFaceName + " distance is undefined for a zero vector");
        }
        double cos = ab / (Math.sqrt(aa) * Math.sqrt(bb));
        return checked(switch (this) {
            case COSINE -> 1 - cos;
            case EUCLIDEAN_L2 -> Math.sqrt(Math.max(0, 2 - 2 * cos));
            case ANGULAR -> Math.acos(Math.max(-1, Math.min(1, cos))) / Math.PI;
            case EUCLIDEAN -> throw new AssertionError();
        });
    }

    private static double checked(double d) {
        if (!Double.isFinite(d)) {
            throw notFinite();
        }
        return d;
    }

    private static IllegalArgumentException notFinite() {
        return new IllegalArgumentException("embedding contains NaN or infinite values");
    }
}
