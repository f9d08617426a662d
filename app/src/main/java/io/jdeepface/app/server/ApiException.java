package io.jdeepface.app.server;

import java.util.Map;

/**
 * A request the server refuses, with the HTTP status and the message the client gets as
 * {@code {"error": message, "status": status}}. Messages are for the client: they never hold
 * stack traces or server internals.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final Map<String, String> headers;

    public ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    public ApiException(int status, String message, Map<String, String> headers) {
        super(message, null, false, false); // control flow, not a bug: no stack trace
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    /** Extra response headers, such as {@code Retry-After} or {@code WWW-Authenticate}. */
    public Map<String, String> headers() {
        return headers;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }
}
