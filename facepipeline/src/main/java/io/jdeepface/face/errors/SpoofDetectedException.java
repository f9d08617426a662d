package io.jdeepface.face.errors;

/**
 * Anti-spoofing was on and a face looked like a presentation attack (a photo of a photo, a screen,
 * a mask) rather than a live face, as DeepFace's "Spoof detected in the given image".
 */
public class SpoofDetectedException extends RuntimeException {
    private final String source;
    private final double realScore;

    /**
     * @param source    the image
     * @param face      where the face is, for the message
     * @param realScore the anti-spoofing model's probability that the face is real
     */
    public SpoofDetectedException(String source, String face, double realScore) {
        super("spoof detected in " + source + ": the face at " + face + " scored "
                + String.format(java.util.Locale.ROOT, "%.3f", realScore) + " real");
        this.source = source;
        this.realScore = realScore;
    }

    public String source() {
        return source;
    }

    /** The anti-spoofing model's probability, 0–1, that the face is real. */
    public double realScore() {
        return realScore;
    }
}
