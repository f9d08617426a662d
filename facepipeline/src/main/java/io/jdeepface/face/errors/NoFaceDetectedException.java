package io.jdeepface.face.errors;

/**
 * The detector found no face in an image while detection was enforced (DeepFace's
 * {@code enforce_detection=True}). {@link #source()} names the image, {@link #detector()} the
 * detector that looked.
 */
public class NoFaceDetectedException extends RuntimeException {
    private final String source;
    private final String detector;

    public NoFaceDetectedException(String source, String detector) {
        super("no face detected in " + source + " by detector '" + detector + "'; check that the image shows"
                + " a face, try another detector (blazeface-back finds smaller faces), or turn enforceDetection off"
                + " to use the whole image as the face");
        this.source = source;
        this.detector = detector;
    }

    /** The image, as its decoder named it (a file path, or a description of in-memory data). */
    public String source() {
        return source;
    }

    public String detector() {
        return detector;
    }
}
