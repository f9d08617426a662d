package io.jdeepface.face.api;

import io.jdeepface.face.embed.FaceRecognizer;
import io.jdeepface.face.verify.DistanceMetric;
import java.util.List;
import java.util.Objects;

/**
 * The options of every {@link DeepFace} call, DeepFace's keyword arguments as one immutable record:
 * start from {@link #defaults()} and change what you need with the withers.
 *
 * @param detector         {@code ultraface} (default), {@code blazeface-front} (close-up faces),
 *                         {@code blazeface-back} (smaller, farther faces) or {@code skip} (the image is
 *                         already a face crop)
 * @param model            recognition model: {@code arcface-512} (default) or {@code faceres-1024}
 *                         (Human's FaceRes descriptor; weaker, see docs/accuracy.md)
 * @param metric           distance metric (cosine by default)
 * @param align            align faces to the ArcFace template before embedding/cropping (default true)
 * @param expandPercentage enlarge detected boxes by this percentage (0 by default); it changes the
 *                         reported area and the crop when not aligning
 * @param enforceDetection when true (default), an image without a detected face is an error
 *                         ({@link io.jdeepface.face.errors.NoFaceDetectedException}); when false the
 *                         whole image is used as the face
 * @param threshold        verification threshold override, {@code NaN} (default) for the calibrated one
 * @param antiSpoofing     check faces with the anti-spoofing model (default false); a spoofed face is
 *                         then an error except in {@code extractFaces}, which reports the verdict
 * @param maxFaces         at most this many faces per image, the largest first (default: all)
 * @param flip             flip test-time augmentation of embeddings (default true: it measurably helps
 *                         on LFW, and the calibrated thresholds are for it; docs/accuracy.md)
 * @param k                at most this many matches per query face in {@code find} (default: all)
 * @param grayscale        {@code extractFaces} returns gray crops (default false)
 * @param normalize        L2-normalise embeddings (default true). Off, {@code represent} returns the
 *                         model's raw vector; cosine, euclidean_l2 and angular do not depend on the
 *                         vectors' length and keep their thresholds, but plain euclidean then has no
 *                         calibrated threshold and needs an explicit one
 */
public record FaceOptions(String detector, String model, DistanceMetric metric, boolean align, int expandPercentage,
                          boolean enforceDetection, double threshold, boolean antiSpoofing, int maxFaces,
                          boolean flip, int k, boolean grayscale, boolean normalize) {
    /** Detector names, in the order errors list them. */
    public static final List<String> DETECTORS = List.of("ultraface", "blazeface-front", "blazeface-back", "skip");
    /** Recognition models. */
    public static final List<String> MODELS = FaceRecognizer.MODELS;

    private static final FaceOptions DEFAULTS = new FaceOptions("ultraface", "arcface-512", DistanceMetric.COSINE,
            true, 0, true, Double.NaN, false, Integer.MAX_VALUE, true, Integer.MAX_VALUE, false, true);

    public FaceOptions {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(metric, "metric");
        if (!DETECTORS.contains(detector)) {
            throw new IllegalArgumentException("unsupported detector '" + detector + "'; supported: " + DETECTORS);
        }
        if (!MODELS.contains(model)) {
            throw new IllegalArgumentException("unsupported model '" + model + "'; supported: " + MODELS);
        }
        if (expandPercentage < 0) {
            throw new IllegalArgumentException("expandPercentage must not be negative, got " + expandPercentage);
        }
        if (!Double.isNaN(threshold) && !(threshold > 0 && threshold < metric.maxDistance())) {
            throw new IllegalArgumentException(metric.deepFaceName() + " threshold must be in (0, "
                    + metric.maxDistance() + ") or NaN for the default, got " + threshold);
        }
        if (maxFaces < 1) {
            throw new IllegalArgumentException("maxFaces must be at least 1, got " + maxFaces);
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
    }

    public static FaceOptions defaults() {
        return DEFAULTS;
    }

    /** Whether a threshold override is set. */
    public boolean hasThreshold() {
        return !Double.isNaN(threshold);
    }

    public FaceOptions withDetector(String v) {
        return new FaceOptions(v, model, metric, align, expandPercentage, enforceDetection, threshold, antiSpoofing,
                maxFaces, flip, k, grayscale, normalize);
    }

    public FaceOptions withModel(String v) {
        return new FaceOptions(detector, v, metric, align, expandPercentage, enforceDetection, threshold,
                antiSpoofing, maxFaces, flip, k, grayscale, normalize);
    }

    /** The metric; a threshold override is kept only if it is valid for the new metric (else an error). */
    public FaceOptions withMetric(DistanceMetric v) {
        return new FaceOptions(detector, model, v, align, expandPercentage, enforceDetection, threshold, antiSpoofing,
                maxFaces, flip, k, grayscale, normalize);
    }

    public FaceOptions withAlign(boolean v) {
        return new FaceOptions(detector, model, metric, v, expandPercentage, enforceDetection, threshold,
                antiSpoofing, maxFaces, flip, k, grayscale, normalize);
    }

    public FaceOptions withExpandPercentage(int v) {
        return new FaceOptions(detector, model, metric, align, v, enforceDetection, threshold, antiSpoofing, maxFaces,
                flip, k, grayscale, normalize);
    }

    public FaceOptions withEnforceDetection(boolean v) {
        return new FaceOptions(detector, model, metric, align, expandPercentage, v, threshold, antiSpoofing, maxFaces,
                flip, k, grayscale, normalize);
    }

    /** A threshold override; {@code Double.NaN} restores the calibrated default. */
    public FaceOptions withThreshold(double v) {
        return new FaceOptions(detector, model, metric, align, expandPercentage, enforceDetection, v, antiSpoofing,
                maxFaces, flip, k, grayscale, normalize);
    }

    public FaceOptions withAntiSpoofing(boolean v) {
        return new FaceOptions(detector, model, metric, align, expandPercentage, enforceDetection, threshold, v,
                maxFaces, flip, k, grayscale, normalize);
    }

    public FaceOptions withMaxFaces(int v) {
        return new FaceOptions(detector, model, metric, align, expandPercentage, enforceDetection, threshold,
                antiSpoofing, v, flip, k, grayscale, normalize);
    }

    public FaceOptions withFlip(boolean v) {
        return new FaceOptions(detector, model, metric, align, expandPercentage, enforceDetection, threshold,
                antiSpoofing, maxFaces, v, k, grayscale, normalize);
    }

    public FaceOptions withK(int v) {
        return new FaceOptions(detector, model, metric, align, expandPercentage, enforceDetection, threshold,
                antiSpoofing, maxFaces, flip, v, grayscale, normalize);
    }

    public FaceOptions withGrayscale(boolean v) {
        return new FaceOptions(detector, model, metric, align, expandPercentage, enforceDetection, threshold,
                antiSpoofing, maxFaces, flip, k, v, normalize);
    }

    public FaceOptions withNormalize(boolean v) {
        return new FaceOptions(detector, model, metric, align, expandPercentage, enforceDetection, threshold,
                antiSpoofing, maxFaces, flip, k, grayscale, v);
    }
}
