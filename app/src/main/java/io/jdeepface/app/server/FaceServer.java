package io.jdeepface.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jdeepface.engine.exec.SessionOptions;
import io.jdeepface.engine.format.ModelHome;
import io.jdeepface.face.api.DeepFace;
import io.jdeepface.face.api.FaceOptions;
import io.jdeepface.face.store.RefreshSummary;
import io.jdeepface.face.api.ImageInput;
import io.jdeepface.face.errors.NoFaceDetectedException;
import io.jdeepface.face.image.Image;
import io.jdeepface.face.image.ImageDecoder;
import io.jdeepface.face.image.ImageLimits;
import io.jdeepface.face.models.FaceModels;
import io.jdeepface.face.verify.Thresholds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * jdeepface's DeepFace-compatible REST server: Jetty 12 in front of one shared {@link DeepFace}
 * facade. {@link #start} returns once it accepts connections; {@link #close} shuts down
 * gracefully: stop accepting, let in-flight requests finish (at most the drain timeout), then
 * unload the models.
 */
public final class FaceServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FaceServer.class.getName());
    /** Models of the default verify/represent pipeline, loaded by {@code --warm}. */
    static final List<String> PIPELINE_MODELS = List.of("ultraface-rfb-320", "landmark68", "arcface-512");
    /** Models of the default analyze actions, also loaded by {@code --warm} when installed. */
    static final List<String> ANALYZE_MODELS = List.of("faceres", "emotion");

    private final ServerConfig config;
    private final ModelHome home;
    private final FaceModels models;
    private final DeepFace deepFace;
    private final FaceService faces;
    private final ExecutorService workers;
    private final ApiHandler api;
    private final Server jetty;
    private final ServerConnector connector;
    private final long startNanos = System.nanoTime();
    private volatile boolean closing;
    private boolean closed;
    private volatile boolean unloaded;

    private FaceServer(ServerConfig config, ModelHome home, WorkProbe probe) {
        this.config = config;
        this.home = home;
        if (config.maxPixels() > Integer.MAX_VALUE / 3) {
            throw new IllegalArgumentException("--max-pixels " + config.maxPixels() + " exceeds what one image can"
                    + " hold (" + Integer.MAX_VALUE / 3 + ")");
        }
        ImageDecoder decoder = new ImageDecoder(new ImageLimits(config.maxBodyBytes(), config.maxPixels(),
                ImageLimits.DEFAULT.maxSide()));
        this.models = new FaceModels(home, SessionOptions.defaults().withThreads(config.inferenceThreads()));
        this.deepFace = DeepFace.using(models, decoder, Thresholds.defaults());
        this.faces = new FaceService(deepFace, new ImageResolver(config.allowedImageDir()),
                config.maxImagesPerRequest(), config.database());
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.maxConcurrent(),
                r -> new Thread(r, "jdeepface-worker-" + n.incrementAndGet()));
        this.api = new ApiHandler(config, faces, this::health, FaceServer::home, workers, probe);

        // Enough HTTP threads for every permitted request plus those being refused quickly.
        QueuedThreadPool threads = new QueuedThreadPool(Math.max(16, 2 * config.maxConcurrent() + 8));
        threads.setName("jdeepface-http");
        this.jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        this.connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        jetty.addConnector(connector);
        jetty.setHandler(new GracefulHandler(api));
        jetty.setErrorHandler(new JsonErrorHandler());
        jetty.setStopTimeout(config.drainTimeout().toMillis());
    }

    /** Starts a server over the models in {@code home}: warms and indexes as configured, then listens. */
    public static FaceServer start(ServerConfig config, ModelHome home) throws Exception {
        return start(config, home, WorkProbe.NONE);
    }

    static FaceServer start(ServerConfig config, ModelHome home, WorkProbe probe) throws Exception {
        FaceServer s = new FaceServer(config, home, probe);
        try {
            if (config.warm()) {
                s.warm();
            }
            if (config.database() != null) {
                s.indexDatabase();
            }
            s.jetty.start();
        } catch (Exception | Error e) {
            s.close();
            throw e;
        }
        LOG.log(Level.INFO, "jdeepface API listening on " + s.uri() + " (" + config + ")");
        return s;
    }

    /** The port it listens on (the chosen one when configured with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public URI uri() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return URI.create("http://" + host + ":" + port());
    }

    /** Face requests being computed now. */
    public int inFlight() {
        return api.inFlight();
    }

    /** Waits until the server has stopped. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    /** Loads the default pipeline's models now, so the first request does not pay for it. */
    private void warm() {
        long t = System.nanoTime();
        for (String name : PIPELINE_MODELS) {
            load(name, true);
        }
        for (String name : ANALYZE_MODELS) {
            load(name, false);
        }
        LOG.log(Level.INFO, String.format("models loaded in %.1f s: %s", (System.nanoTime() - t) / 1e9,
                models.loadedNames()));
    }

    private void load(String name, boolean required) {
        if (!required && !home.isInstalled(name)) {
            LOG.log(Level.INFO, "not warming " + name + ": not installed (analyze will fail without it)");
            return;
        }
        try {
            models.runner(name);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException nsf && nsf.getReason() != null) {
                throw new IllegalArgumentException(nsf.getReason(), e);
            }
            throw e;
        }
    }

    /** Embeds every image of the find database now, with the default options, logging progress. */
    private void indexDatabase() throws IOException {
        Path db = config.database();
        if (!Files.isDirectory(db)) {
            throw new IllegalArgumentException("the --db folder " + db + " does not exist or is not a folder");
        }
        LOG.log(Level.INFO, "indexing the find database " + db + " ...");
        long t = System.nanoTime();
        int[] last = {-1};
        RefreshSummary summary = deepFace.index(db, FaceOptions.defaults(), (done, total) -> {
            int percent = total == 0 ? 100 : (int) (100L * done / total);
            if (percent / 10 != last[0] / 10 || done == total) {
                last[0] = percent;
                LOG.log(Level.INFO, String.format("indexing %s: %d/%d images", db, done, total));
            }
        });
        LOG.log(Level.INFO, String.format("find database %s indexed in %.1f s: %s", db, (System.nanoTime() - t) / 1e9,
                summary));
    }

    /** {@code GET /health}: liveness, version, models, load. */
    JsonNode health() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("status", closing ? "draining" : "ok");
        o.put("version", version());
        o.put("uptime_seconds", Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0);
        ObjectNode m = o.putObject("models");
        installedModels().forEach(m.putArray("installed")::add);
        deepFace.loadedModels().forEach(m.putArray("loaded")::add);
        o.put("in_flight", api.inFlight());
        o.put("max_concurrent", config.maxConcurrent());
        o.put("auth", config.apiToken() != null);
        o.put("find", config.database() != null);
        o.put("paths", config.allowedImageDir() != null);
        return o;
    }

    private List<String> installedModels() {
        try (Stream<Path> files = Files.list(home.models())) {
            String ext = ModelHome.MODEL_EXTENSION;
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(ext))
                    .map(n -> n.substring(0, n.length() - ext.length())).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** {@code GET /}: what this is and where to go. */
    private static JsonNode home() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("message", "jdeepface API v" + version() + " (DeepFace-compatible)");
        Arrays.asList("POST /represent", "POST /verify", "POST /analyze", "POST /find", "GET /health")
                .forEach(o.putArray("routes")::add);
        return o;
    }

    static String version() {
        String v = FaceServer.class.getPackage().getImplementationVersion();
        return v != null ? v : "development build";
    }

    /**
     * Graceful shutdown: stop accepting, wait for in-flight requests (at most the drain timeout),
     * then stop the workers and unload the models. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closing = true;
        long t = System.nanoTime();
        try {
            if (jetty.isStarted()) {
                LOG.log(Level.INFO, "shutting down: draining " + api.inFlight() + " in-flight requests (at most "
                        + config.drainTimeout().toSeconds() + " s)");
            }
            jetty.stop();
        } catch (TimeoutException e) {
            LOG.log(Level.WARNING, "drain timeout reached with " + api.inFlight() + " requests still computing");
        } catch (Exception e) {
            LOG.log(Level.WARNING, "stopping the HTTP server failed", e);
        }
        workers.shutdown();
        try {
            long left = config.drainTimeout().toNanos() - (System.nanoTime() - t);
            if (!workers.awaitTermination(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                LOG.log(Level.WARNING, "requests still computing after the drain timeout; stopping them");
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        deepFace.close();
        models.close();
        unloaded = true;
        LOG.log(Level.INFO, String.format("server stopped in %.1f s", (System.nanoTime() - t) / 1e9));
    }

    /** Whether {@link #close} has finished: requests drained, models unloaded. */
    boolean isUnloaded() {
        return unloaded;
    }
}
