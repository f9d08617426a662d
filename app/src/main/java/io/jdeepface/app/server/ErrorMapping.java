package io.jdeepface.app.server;

import io.jdeepface.face.errors.ImageInputException;
import io.jdeepface.face.errors.ImageTooLargeException;
import io.jdeepface.face.errors.NoFaceDetectedException;
import io.jdeepface.face.errors.SpoofDetectedException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/**
 * Which HTTP status a failure of a face route gets. The client's faults are 4xx with the facade's
 * own message; a model missing on the server is 503 (the operator must install it); anything
 * else is our bug: 500 with a generic message, the details only in the server's log.
 */
final class ErrorMapping {
    private ErrorMapping() {}

    /** The client-facing error for {@code e}, or null when it is an internal fault (500). */
    static ApiException toApi(Throwable e) {
        return switch (e) {
            case ApiException a -> a;
            case ImageTooLargeException x -> new ApiException(413, x.getMessage() + " (--max-pixels, --max-body)");
            case ImageInputException x -> new ApiException(400, x.getMessage());
            case NoFaceDetectedException x -> new ApiException(422, "Face could not be detected in " + x.source()
                    + " by detector '" + x.detector() + "'. Please confirm that the picture is a face photo or"
                    + " consider to set enforce_detection param to False.");
            case SpoofDetectedException x -> new ApiException(422, "Spoof detected in the given image: "
                    + x.getMessage() + "; the face does not look live (a photo of a photo, a screen or a mask)");
            // The facade raises these for option values it cannot serve (see DeepFace's javadoc).
            case IllegalArgumentException x -> new ApiException(400, x.getMessage());
            case UncheckedIOException x when x.getCause() instanceof NoSuchFileException nsf
                    && nsf.getReason() != null -> new ApiException(503, "this server cannot serve the request: "
                    + firstClause(nsf.getReason()) + " on the server");
            default -> null;
        };
    }

    /** "model 'x' is not installed; run: ... --home /srv/..." without the operator's hint and paths. */
    private static String firstClause(String reason) {
        int semicolon = reason.indexOf(';');
        return semicolon < 0 ? reason : reason.substring(0, semicolon);
    }
}
