package io.jdeepface.face.errors;

/** The input is in a supported format but its header or pixel data is truncated or damaged. */
public class CorruptImageException extends ImageInputException {
    public CorruptImageException(String source, String message) {
        super(source, message);
    }

    public CorruptImageException(String source, String message, Throwable cause) {
        super(source, message, cause);
    }
}
