package io.jdeepface.face.verify;

/**
 * A 0–100 "how sure that this is the same person" for a verification result: a logistic curve in
 * the distance, centred on the threshold.
 *
 * <pre>
 *   confidence(d) = 100 / (1 + exp(k · (d − t))),   k = ln(99) / min(t, dmax − t)
 * </pre>
 *
 * <p>with {@code t} the threshold and {@code dmax} the metric's {@link DistanceMetric#maxDistance()
 * largest distance}. So: {@code d = t} gives exactly 50 (and confidence is above 50 exactly when the
 * pair is below the threshold, i.e. verified); {@code d = 0} gives at least 99; for the bounded
 * metrics {@code d = dmax} gives at most 1. The steepness adapts to the metric's scale through
 * {@code t} and {@code dmax}, so a cosine and a euclidean threshold of the same model give similar
 * curves. It is strictly decreasing in the distance (until double precision saturates at 0 or 100).
 *
 * <p>How this relates to DeepFace's {@code confidence} (0.0.93 and later, {@code find_confidence} in
 * {@code verification.py}): DeepFace fits a logistic regression of "same person" on the distance for
 * each (model, metric) on its own pairs ({@code w}, {@code b}, {@code normalizer}), then linearly
 * stretches the result into 51–100 for verified pairs and 0–49 for the others, using the min/max it
 * saw in training. Its numbers are therefore calibrated probabilities for its data, but jump at the
 * threshold and are undefined for models it has no coefficients for. This one needs no fitted
 * coefficients, is continuous and agrees with {@code verified} by construction; it is a monotone
 * score, not a calibrated probability.
 */
public final class Confidence {
    private static final double LN_99 = Math.log(99);

    private Confidence() {
    }

    /**
     * The confidence, 0–100, that a pair at {@code distance} is the same person.
     *
     * @throws IllegalArgumentException when the distance is not finite, or the threshold is not
     *     strictly between 0 and the metric's largest distance
     */
    public static double of(double distance, double threshold, DistanceMetric metric) {
        if (!Double.isFinite(distance)) {
            throw new IllegalArgumentException("distance must be finite, got " + distance);
        }
        if (!(threshold > 0 && threshold < metric.maxDistance())) {
            throw new IllegalArgumentException(metric.deepFaceName() + " threshold must be in (0, "
                    + metric.maxDistance() + "), got " + threshold);
        }
        double k = LN_99 / Math.min(threshold, metric.maxDistance() - threshold);
        return 100 / (1 + Math.exp(k * (distance - threshold)));
    }
}
