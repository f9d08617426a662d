package io.jdeepface.face.attributes;

/**
 * An apparent age in years.
 *
 * @param years the estimate (fractional), in [0, 100)
 */
public record AgeEstimate(double years) {
    public AgeEstimate {
        if (!(years >= 0 && years <= 100)) {
            throw new IllegalArgumentException("age must be in [0, 100], got " + years);
        }
    }
}
