package io.jdeepface.face.api;

import io.jdeepface.face.verify.DistanceMetric;

/**
 * The outcome of {@link DeepFace#verify}, DeepFace's result dictionary as a record.
 *
 * @param verified   {@code distance <= threshold}
 * @param distance   between the two faces' embeddings
 * @param threshold  the one applied: the option's override, else the calibrated default for model and metric
 * @param confidence 0–100, above 50 exactly when verified ({@link io.jdeepface.face.verify.Confidence})
 * @param model      recognition model name
 * @param detector   detector name
 * @param metric     distance metric
 * @param img1Area   the compared face of the first image
 * @param img2Area   the compared face of the second image
 * @param seconds    wall-clock time of the call
 */
public record VerifyResult(boolean verified, double distance, double threshold, double confidence, String model,
                           String detector, DistanceMetric metric, FacialArea img1Area, FacialArea img2Area,
                           double seconds) {
}
