package io.jdeepface.app.server;

/**
 * One image as a request carried it, before it is resolved to a facade input: uploaded bytes (a
 * multipart file part) or text (a base64 data URI, bare base64, or a server-side path).
 */
sealed interface ImageSource {
    /** The request field it came from, for error messages. */
    String field();

    record Upload(String field, String fileName, byte[] data) implements ImageSource {}

    record Text(String field, String text) implements ImageSource {}
}
