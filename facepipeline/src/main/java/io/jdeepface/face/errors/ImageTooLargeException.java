package io.jdeepface.face.errors;

/**
 * The input exceeds a configured limit (bytes, pixels or side length). Raised from the header,
 * before any pixel memory is allocated, so that decompression bombs cost nothing.
 */
public class ImageTooLargeException extends ImageInputException {
    public ImageTooLargeException(String source, String message) {
        super(source, message);
    }
}
