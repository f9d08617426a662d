package io.jdeepface.face.errors;

import java.io.IOException;

/**
 * An image given to the face pipeline could not be turned into pixels. The subclasses say why
 * (not an image, unsupported format, corrupt, too large); {@link #source()} names the input
 * (a file path, or a description such as "byte[] of 1234 bytes").
 */
public class ImageInputException extends IOException {
    private final String source;

    public ImageInputException(String source, String message) {
        this(source, message, null);
    }

    public ImageInputException(String source, String message, Throwable cause) {
        super(source + ": " + message, cause);
        this.source = source;
    }

    /** The input this error is about, as given to the decoder. */
    public String source() {
        return source;
    }
}
