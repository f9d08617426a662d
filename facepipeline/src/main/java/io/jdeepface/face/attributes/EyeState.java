package io.jdeepface.face.attributes;

/**
 * Whether each eye is open. "Left" and "right" are as seen in the image (image-left is the
 * person's right eye), matching the 68-landmark numbering (36–41 image-left, 42–47 image-right).
 *
 * @param leftOpenProbability  probability in [0, 1] that the image-left eye is open
 * @param rightOpenProbability probability in [0, 1] that the image-right eye is open
 */
public record EyeState(double leftOpenProbability, double rightOpenProbability) {
    public EyeState {
        if (!(leftOpenProbability >= 0 && leftOpenProbability <= 1 && rightOpenProbability >= 0
                && rightOpenProbability <= 1)) {
            throw new IllegalArgumentException("eye probabilities must be in [0, 1], got " + leftOpenProbability
                    + ", " + rightOpenProbability);
        }
    }

    public boolean leftOpen() {
        return leftOpenProbability > 0.5;
    }

    public boolean rightOpen() {
        return rightOpenProbability > 0.5;
    }

    public boolean bothOpen() {
        return leftOpen() && rightOpen();
    }
}
