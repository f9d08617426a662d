package io.jdeepface.face.spoof;

/**
 * A spoof check's verdict.
 *
 * @param isReal whether the face is judged live ({@code score >= threshold})
 * @param score  the model's probability in [0, 1] that the face is real
 */
public record SpoofScore(boolean isReal, double score) {
    public SpoofScore {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("spoof score must be in [0, 1], got " + score);
        }
    }
}
