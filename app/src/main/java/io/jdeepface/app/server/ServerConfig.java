package io.jdeepface.app.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@code jdeepface serve} can be told: where to listen, what to accept and how much.
 * Each limit turns into a clear 4xx/5xx JSON error when a request exceeds it.
 *
 * @param host                 interface to listen on ({@code 127.0.0.1} by default: loopback only)
 * @param port                 TCP port, 0 for any free one
 * @param maxBodyBytes         largest request body (413 beyond it)
 * @param maxPixels            largest width × height of one decoded image (413 beyond it)
 * @param maxImagesPerRequest  most images one request may carry (413 beyond it)
 * @param requestTimeout       longest time the face work of one request may take (504 beyond it)
 * @param maxConcurrent        requests computed at once; one more gets 503 at once, with Retry-After
 * @param drainTimeout         how long shutdown waits for in-flight requests to finish
 * @param idleTimeout          a connection that sends nothing for this long is closed (slow uploads)
 * @param allowedImageDir      folder whose files requests may name as images, null to refuse paths
 * @param database             folder of face images that {@code POST /find} searches, null to disable
 * @param apiToken             bearer token every route but {@code /health} requires, null for no auth
 * @param warm                 load the default pipeline's models at start instead of on first use
 * @param inferenceThreads     threads one model inference may use
 */
public record ServerConfig(String host, int port, long maxBodyBytes, long maxPixels, int maxImagesPerRequest,
                           Duration requestTimeout, int maxConcurrent, Duration drainTimeout, Duration idleTimeout,
                           Path allowedImageDir, Path database, String apiToken, boolean warm,
                           int inferenceThreads) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 5005; // DeepFace's API port
    public static final long DEFAULT_MAX_BODY_BYTES = 32L << 20;
    public static final long DEFAULT_MAX_PIXELS = 25_000_000L;
    public static final int DEFAULT_MAX_IMAGES = 8;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(30);
    public static final Duration DEFAULT_IDLE = Duration.ofSeconds(30);

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        requirePositive("max body bytes", maxBodyBytes);
        requirePositive("max pixels", maxPixels);
        requirePositive("max images per request", maxImagesPerRequest);
        requirePositive("max concurrent requests", maxConcurrent);
        requirePositive("inference threads", inferenceThreads);
        requirePositive("request timeout (ms)", requestTimeout.toMillis());
        requirePositive("idle timeout (ms)", idleTimeout.toMillis());
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drain timeout must not be negative, got " + drainTimeout);
        }
        if (apiToken != null && apiToken.isBlank()) {
            throw new IllegalArgumentException("the API token must not be blank");
        }
    }

    private static void requirePositive(String what, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + v);
        }
    }

    /** Loopback on DeepFace's port, every limit at its default, no auth, no paths, no database. */
    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_PIXELS,
                DEFAULT_MAX_IMAGES, DEFAULT_TIMEOUT, Runtime.getRuntime().availableProcessors(), DEFAULT_DRAIN,
                DEFAULT_IDLE, null, null, null, false, 1);
    }

    public ServerConfig withHost(String v) {
        return new ServerConfig(v, port, maxBodyBytes, maxPixels, maxImagesPerRequest, requestTimeout, maxConcurrent,
                drainTimeout, idleTimeout, allowedImageDir, database, apiToken, warm, inferenceThreads);
    }

    public ServerConfig withPort(int v) {
        return new ServerConfig(host, v, maxBodyBytes, maxPixels, maxImagesPerRequest, requestTimeout, maxConcurrent,
                drainTimeout, idleTimeout, allowedImageDir, database, apiToken, warm, inferenceThreads);
    }

    public ServerConfig withMaxBodyBytes(long v) {
        return new ServerConfig(host, port, v, maxPixels, maxImagesPerRequest, requestTimeout, maxConcurrent,
                drainTimeout, idleTimeout, allowedImageDir, database, apiToken, warm, inferenceThreads);
    }

    public ServerConfig withMaxPixels(long v) {
        return new ServerConfig(host, port, maxBodyBytes, v, maxImagesPerRequest, requestTimeout, maxConcurrent,
                drainTimeout, idleTimeout, allowedImageDir, database, apiToken, warm, inferenceThreads);
    }

    public ServerConfig withMaxImagesPerRequest(int v) {
        return new ServerConfig(host, port, maxBodyBytes, maxPixels, v, requestTimeout, maxConcurrent, drainTimeout,
                idleTimeout, allowedImageDir, database, apiToken, warm, inferenceThreads);
    }

    public ServerConfig withRequestTimeout(Duration v) {
        return new ServerConfig(host, port, maxBodyBytes, maxPixels, maxImagesPerRequest, v, maxConcurrent,
                drainTimeout, idleTimeout, allowedImageDir, database, apiToken, warm, inferenceThreads);
    }

    public ServerConfig withMaxConcurrent(int v) {
        return new ServerConfig(host, port, maxBodyBytes, maxPixels, maxImagesPerRequest, requestTimeout, v,
                drainTimeout, idleTimeout, allowedImageDir, database, apiToken, warm, inferenceThreads);
    }

    public ServerConfig withDrainTimeout(Duration v) {
        return new ServerConfig(host, port, maxBodyBytes, maxPixels, maxImagesPerRequest, requestTimeout,
                maxConcurrent, v, idleTimeout, allowedImageDir, database, apiToken, warm, inferenceThreads);
    }

    public ServerConfig withIdleTimeout(Duration v) {
        return new ServerConfig(host, port, maxBodyBytes, maxPixels, maxImagesPerRequest, requestTimeout,
                maxConcurrent, drainTimeout, v, allowedImageDir, database, apiToken, warm, inferenceThreads);
    }

    public ServerConfig withAllowedImageDir(Path v) {
        return new ServerConfig(host, port, maxBodyBytes, maxPixels, maxImagesPerRequest, requestTimeout,
                maxConcurrent, drainTimeout, idleTimeout, v, database, apiToken, warm, inferenceThreads);
    }

    public ServerConfig withDatabase(Path v) {
        return new ServerConfig(host, port, maxBodyBytes, maxPixels, maxImagesPerRequest, requestTimeout,
                maxConcurrent, drainTimeout, idleTimeout, allowedImageDir, v, apiToken, warm, inferenceThreads);
    }

    public ServerConfig withApiToken(String v) {
        return new ServerConfig(host, port, maxBodyBytes, maxPixels, maxImagesPerRequest, requestTimeout,
                maxConcurrent, drainTimeout, idleTimeout, allowedImageDir, database, v, warm, inferenceThreads);
    }

    public ServerConfig withWarm(boolean v) {
        return new ServerConfig(host, port, maxBodyBytes, maxPixels, maxImagesPerRequest, requestTimeout,
                maxConcurrent, drainTimeout, idleTimeout, allowedImageDir, database, apiToken, v, inferenceThreads);
    }

    public ServerConfig withInferenceThreads(int v) {
        return new ServerConfig(host, port, maxBodyBytes, maxPixels, maxImagesPerRequest, requestTimeout,
                maxConcurrent, drainTimeout, idleTimeout, allowedImageDir, database, apiToken, warm, v);
    }

    @Override
    public String toString() {
        // Never print the token.
        return "ServerConfig[" + host + ":" + port + ", body<=" + maxBodyBytes + " B, pixels<=" + maxPixels
                + ", images<=" + maxImagesPerRequest + ", timeout " + requestTimeout + ", concurrent<="
                + maxConcurrent + ", drain " + drainTimeout + ", paths " + allowedImageDir + ", db " + database
                + ", auth " + (apiToken != null ? "on" : "off") + ", warm " + warm + "]";
    }
}
