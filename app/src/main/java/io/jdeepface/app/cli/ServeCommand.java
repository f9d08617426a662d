package io.jdeepface.app.cli;

import io.jdeepface.app.server.FaceServer;
import io.jdeepface.app.server.ServerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jdeepface serve}: the DeepFace-compatible REST server. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"A DeepFace-compatible REST API over the installed models.",
            "It answers DeepFace's Flask API routes, request fields and result shapes.", "",
            "Routes:",
            "  POST /represent {img, model_name, detector_backend, enforce_detection,",
            "                  align, anti_spoofing, max_faces, expand_percentage}",
            "                  -> {\"results\": [{embedding, facial_area, face_confidence}]}",
            "                  (img may be a JSON array: one result list per image)",
            "  POST /verify    {img1, img2, model_name, detector_backend, distance_metric,",
            "                  enforce_detection, align, anti_spoofing, threshold}",
            "                  -> {verified, distance, threshold, confidence, model,",
            "                  detector_backend, similarity_metric, facial_areas, time}",
            "  POST /analyze   {img, actions, detector_backend, enforce_detection, align,",
            "                  anti_spoofing, max_faces} -> {\"results\": [{region, age,",
            "                  dominant_gender, gender, dominant_emotion, emotion, ...}]}",
            "                  actions: age, gender, emotion (default), pose, eyes, landmarks",
            "  POST /find      {img, k, threshold, distance_metric, ...} -> {\"results\":",
            "                  [[{identity, target_x, ..., distance}]]}; needs --db",
            "  GET  /health    {status, version, uptime_seconds, models {installed,",
            "                  loaded}, in_flight, ...}",
            "",
            "Bodies: JSON, or multipart/form-data with file parts img, img1, img2 and the",
            "other fields as form fields (url-encoded forms work too). Images as text:",
            "base64 data URIs (or bare base64); file paths only under --allow-paths.",
            "Detectors: ultraface (default), blazeface-front, blazeface-back, skip.",
            "Model: arcface-512. Metrics: cosine, euclidean, euclidean_l2, angular.",
            "",
            "Errors are {\"error\": message, \"status\": N}: 400 bad field, JSON, base64 or",
            "image; 401 missing or wrong token; 403 path outside --allow-paths; 404",
            "unknown route, or find without --db; 405 wrong method; 413 body, pixels or",
            "images over a limit; 415 other content types; 422 no face, or spoof; 503",
            "busy (with Retry-After) or a model not installed; 504 over --timeout; 500 a",
            "bug (logged on the server, never sent).",
            "",
            "Auth: when the variable named by --token-env is set, every route except",
            "GET /health and GET / needs 'Authorization: Bearer <token>'.",
            "SIGTERM or Ctrl-C: stop accepting, finish in-flight requests (at most",
            "--drain-timeout), unload the models, exit.", ""})
public final class ServeCommand implements Callable<Integer> {
    /** Jetty's own INFO lines (banner, connector states) say nothing our log does not; kept strongly referenced. */
    private static final java.util.logging.Logger JETTY_LOG = java.util.logging.Logger.getLogger("org.eclipse.jetty");

    @Option(names = "--host", paramLabel = "ADDR", description = "Interface to listen on (default ${DEFAULT-VALUE};"
            + " 0.0.0.0 for all: then set a token).")
    String host = ServerConfig.DEFAULT_HOST;

    @Option(names = "--port", paramLabel = "N", description = "TCP port (default ${DEFAULT-VALUE}, DeepFace's; 0 picks a free one).")
    int port = ServerConfig.DEFAULT_PORT;

    @Option(names = "--max-body", paramLabel = "SIZE", converter = ByteSize.class,
            description = "Largest request body, e.g. 32M (default 32M; 413 beyond).")
    long maxBody = ServerConfig.DEFAULT_MAX_BODY_BYTES;

    @Option(names = "--max-pixels", paramLabel = "N",
            description = "Largest width x height of one image (default ${DEFAULT-VALUE}; 413 beyond, from the header).")
    long maxPixels = ServerConfig.DEFAULT_MAX_PIXELS;

    @Option(names = "--max-images", paramLabel = "N",
            description = "Most images in one request (default ${DEFAULT-VALUE}; 413 beyond).")
    int maxImages = ServerConfig.DEFAULT_MAX_IMAGES;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Longest face work of one request (default 60; 504 beyond).")
    double timeoutSeconds = ServerConfig.DEFAULT_TIMEOUT.toSeconds();

    @Option(names = "--max-concurrent", paramLabel = "N",
            description = "Requests computed at once (default: processors); more get 503 with Retry-After at once.")
    Integer maxConcurrent;

    @Option(names = "--threads", paramLabel = "N", description = "Threads per model inference (default ${DEFAULT-VALUE}).")
    int threads = 1;

    @Option(names = "--drain-timeout", paramLabel = "SECONDS",
            description = "On shutdown, how long in-flight requests may take to finish (default 30).")
    double drainSeconds = ServerConfig.DEFAULT_DRAIN.toSeconds();

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "Close connections silent this long, e.g. stalled uploads (default 30).")
    double idleSeconds = ServerConfig.DEFAULT_IDLE.toSeconds();

    @Option(names = "--allow-paths", paramLabel = "DIR",
            description = "Let requests name image files inside DIR (no '..', no symlink escapes); off by default.")
    Path allowPaths;

    @Option(names = "--db", paramLabel = "DIR",
            description = "Folder of face images for POST /find, indexed at start (embeddings cached in the folder).")
    Path db;

    @Option(names = "--token-env", paramLabel = "NAME",
            description = "Environment variable holding the API token (default ${DEFAULT-VALUE}); unset: no auth.")
    String tokenEnv = "JDEEPFACE_API_TOKEN";

    @Option(names = "--warm", description = "Load the default models at start instead of on first use.")
    boolean warm;

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        JETTY_LOG.setLevel(java.util.logging.Level.WARNING);
        String token = System.getenv(tokenEnv);
        ServerConfig config = new ServerConfig(host, port, maxBody, maxPixels, maxImages, seconds("--timeout",
                timeoutSeconds), maxConcurrent != null ? maxConcurrent : Runtime.getRuntime().availableProcessors(),
                seconds("--drain-timeout", drainSeconds), seconds("--idle-timeout", idleSeconds), allowPaths, db,
                token == null || token.isEmpty() ? null : token, warm, threads);
        FaceServer server = FaceServer.start(config, home.modelHome());
        // Printed directly: java.util.logging resets itself in its own shutdown hook, so log
        // records from this one may be lost.
        Thread hook = new Thread(() -> {
            err.println("jdeepface: shutting down: finishing " + server.inFlight() + " in-flight requests (at most "
                    + config.drainTimeout().toSeconds() + " s)");
            err.flush();
            server.close();
            err.println("jdeepface: server stopped");
            err.flush();
        }, "jdeepface-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        err.println("jdeepface: serving on " + server.uri() + " (auth " + (config.apiToken() != null ? "on, token from $"
                + tokenEnv : "off") + "); Ctrl-C or SIGTERM stops");
        err.flush();
        server.join();
        return ExitCodes.OK;
    }

    private static Duration seconds(String option, double s) {
        if (!(s >= 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException(option + " must be a number of seconds, got " + s);
        }
        return Duration.ofMillis(Math.round(s * 1000));
    }

    /** "1048576", "512K", "32M", "1G" (binary units) as bytes. */
    static final class ByteSize implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String v = value.strip().toUpperCase(Locale.ROOT);
            long unit = 1;
            if (v.endsWith("B")) {
                v = v.substring(0, v.length() - 1);
            }
            if (!v.isEmpty()) {
                switch (v.charAt(v.length() - 1)) {
                    case 'K' -> unit = 1L << 10;
                    case 'M' -> unit = 1L << 20;
                    case 'G' -> unit = 1L << 30;
                    default -> { }
                }
            }
            if (unit != 1) {
                v = v.substring(0, v.length() - 1);
            }
            try {
                return Math.multiplyExact(Long.parseLong(v.strip()), unit);
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException("not a size: '" + value + "' (use bytes or a K/M/G suffix)");
            }
        }
    }
}
