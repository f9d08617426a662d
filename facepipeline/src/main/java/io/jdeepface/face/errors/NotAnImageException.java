package io.jdeepface.face.errors;

/** The input is not an image at all: empty, text, invalid base64, or no known image signature. */
public class NotAnImageException extends ImageInputException {
    public NotAnImageException(String source, String message) {
        super(source, message);
    }

    public NotAnImageException(String source, String message, Throwable cause) {
        super(source, message, cause);
    }
}
