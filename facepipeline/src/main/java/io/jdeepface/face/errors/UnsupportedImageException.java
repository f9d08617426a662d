package io.jdeepface.face.errors;

/**
 * The input is an image in a format (or a variant of one) that jdeepface does not decode, such as
 * WebP, HEIF/AVIF or a PBM bitmap. The message says how to get a usable file.
 */
public class UnsupportedImageException extends ImageInputException {
    public UnsupportedImageException(String source, String message) {
        super(source, message);
    }

    public UnsupportedImageException(String source, String message, Throwable cause) {
        super(source, message, cause);
    }
}
