package io.jdeepface.app.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * Optional bearer-token authentication ({@code Authorization: Bearer <token>}). The token is
 * compared through SHA-256 digests with {@link MessageDigest#isEqual}, which takes the same time
 * wherever the first difference is, and comparing fixed-length digests hides the token's length.
 */
final class BearerAuth {
    private static final String PREFIX = "Bearer ";
    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Bearer realm=\"jdeepface\"");

    private final byte[] expected;

    /** @param token the accepted token, null to let every request through */
    BearerAuth(String token) {
        this.expected = token == null ? null : sha256(token);
    }

    boolean enabled() {
        return expected != null;
    }

    /** Throws a 401 unless auth is off or {@code authorization} carries the right token. */
    void check(String authorization) {
        if (expected == null) {
            return;
        }
        if (authorization == null) {
            throw new ApiException(401, "missing bearer token: send 'Authorization: Bearer <token>'", CHALLENGE);
        }
        if (!authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new ApiException(401, "unsupported authorization scheme: send 'Authorization: Bearer <token>'",
                    CHALLENGE);
        }
        byte[] given = sha256(authorization.substring(PREFIX.length()).strip());
        if (!MessageDigest.isEqual(expected, given)) {
            throw new ApiException(401, "invalid bearer token", Map.of("WWW-Authenticate",
                    "Bearer realm=\"jdeepface\", error=\"invalid_token\""));
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
