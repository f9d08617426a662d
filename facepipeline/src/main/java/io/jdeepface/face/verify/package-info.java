/**
 * Comparing embeddings: {@link io.jdeepface.face.verify.DistanceMetric} (DeepFace's four metrics),
 * default {@link io.jdeepface.face.verify.Thresholds}, a {@link io.jdeepface.face.verify.Confidence}
 * score, and {@link io.jdeepface.face.verify.ThresholdCalibration} to choose and evaluate thresholds
 * on labelled pairs (accuracy, ROC AUC, TAR at FAR, LFW-style 10-fold cross-validation).
 */
package io.jdeepface.face.verify;
