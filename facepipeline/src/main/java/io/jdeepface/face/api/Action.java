package io.jdeepface.face.api;

/**
 * What {@link DeepFace#analyze} estimates for each face: DeepFace's {@code actions} (race aside),
 * plus pose, eyes and landmarks.
 */
public enum Action {
    /** Apparent age in years (model {@code faceres}). */
    AGE,
    /** Woman/man probabilities (model {@code faceres}, the same run as AGE). */
    GENDER,
    /** Seven expression percentages (model {@code emotion}). */
    EMOTION,
    /** Yaw, pitch and roll in degrees (model {@code headpose}). */
    POSE,
    /** Whether each eye is open (model {@code eye-state}). */
    EYES,
    /** The 68 landmark points the aligner uses (model {@code landmark68}, always run). */
    LANDMARKS
}
