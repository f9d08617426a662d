package io.jdeepface.app.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdeepface.app.json.ResultJson;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Routes requests and enforces the per-request rules, in this order: route (404) and method (405),
 * bearer token (401, not for {@code /health}), a concurrency permit ({@code tryAcquire}: 503 with
 * Retry-After at once when all are taken, never a queue), the body ({@link RequestReader}: 413,
 * 415, 400), then the face work on a worker thread, waited for at most the request timeout (504).
 * Every error is {@code {"error": ..., "status": N}}; 5xx only for the server's own faults, which
 * are logged with their stack trace under an incident id that the client gets instead.
 */
final class ApiHandler extends Handler.Abstract {
    private static final System.Logger LOG = System.getLogger(ApiHandler.class.getName());

    /** A face route's work on a parsed request. */
    @FunctionalInterface
    interface FaceRoute {
        JsonNode handle(ApiRequest request) throws Exception;
    }

    private record Route(String method, String name, FaceRoute face, Supplier<JsonNode> info, boolean open) {}

    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final BearerAuth auth;
    private final RequestReader reader;
    private final Semaphore permits;
    private final int maxConcurrent;
    private final ExecutorService workers;
    private final Duration timeout;
    private final WorkProbe probe;
    private final ObjectMapper mapper = ResultJson.mapper();
    private final AtomicInteger inFlight = new AtomicInteger();

    ApiHandler(ServerConfig config, FaceService faces, Supplier<JsonNode> health, Supplier<JsonNode> home,
               ExecutorService workers, WorkProbe probe) {
        super(InvocationType.BLOCKING);
        this.auth = new BearerAuth(config.apiToken());
        this.reader = new RequestReader(config.maxBodyBytes(), config.maxImagesPerRequest());
        this.maxConcurrent = config.maxConcurrent();
        this.permits = new Semaphore(maxConcurrent);
        this.workers = workers;
        this.timeout = config.requestTimeout();
        this.probe = probe;
        routes.put("/", new Route("GET", "home", null, home, true));
        routes.put("/health", new Route("GET", "health", null, health, true));
        routes.put("/represent", new Route("POST", "represent", faces::represent, null, false));
        routes.put("/verify", new Route("POST", "verify", faces::verify, null, false));
        routes.put("/analyze", new Route("POST", "analyze", faces::analyze, null, false));
        routes.put("/find", new Route("POST", "find", faces::find, null, false));
    }

    /** Face requests being computed now (including ones whose client already got a 504). */
    int inFlight() {
        return inFlight.get();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        try {
            JsonNode body = dispatch(request);
            write(response, callback, 200, mapper.writeValueAsBytes(body));
        } catch (ApiException e) {
            e.headers().forEach((k, v) -> response.getHeaders().put(k, v));
            if (!reader.discardBody(request)) {
                // Refused without reading a body too large to read: this connection ends here,
                // so the client does not send its next request on it.
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
            write(response, callback, e.status(), JsonErrorHandler.body(e.status(), e.getMessage()));
        } catch (JsonProcessingException | RuntimeException e) {
            write(response, callback, 500, JsonErrorHandler.body(500, internal(request, e)));
        }
        return true;
    }

    private JsonNode dispatch(Request request) {
        String path = Request.getPathInContext(request);
        Route route = routes.get(path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        if (route == null) {
            throw new ApiException(404, "no route " + path + "; routes: " + String.join(", ", routes.keySet()));
        }
        if (!route.method().equals(request.getMethod())) {
            throw new ApiException(405, "method " + request.getMethod() + " not allowed on " + path + "; use "
                    + route.method(), Map.of("Allow", route.method()));
        }
        if (!route.open()) {
            auth.check(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        }
        if (route.face() == null) {
            return route.info().get();
        }
        return compute(request, route);
    }

    private JsonNode compute(Request request, Route route) {
        if (!permits.tryAcquire()) {
            throw new ApiException(503, "server busy: " + maxConcurrent + " requests are being computed (the"
                    + " --max-concurrent limit); retry shortly", Map.of("Retry-After", "1"));
        }
        Future<JsonNode> result;
        try {
            ApiRequest parsed = reader.read(request);
            inFlight.incrementAndGet();
            result = workers.submit(() -> {
                try {
                    probe.beforeWork(route.name());
                    return route.face().handle(parsed);
                } finally {
                    // The permit is held until the work really ends, even after a 504: the limit
                    // bounds the CPU and memory in use, not just the responses outstanding.
                    inFlight.decrementAndGet();
                    permits.release();
                }
            });
        } catch (RuntimeException e) {
            if (e instanceof RejectedExecutionException) {
                inFlight.decrementAndGet();
                permits.release();
                throw new ApiException(503, "the server is shutting down", Map.of("Retry-After", "5"));
            }
            permits.release();
            throw e;
        }
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Not cancelled: interrupting inference buys nothing; the permit comes back when it ends.
            throw new ApiException(504, "the request took longer than this server's limit of "
                    + seconds(timeout) + " (--timeout)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "the server is shutting down", Map.of("Retry-After", "5"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            ApiException api = ErrorMapping.toApi(cause);
            if (api == null) {
                throw new InternalFault(cause);
            }
            if (api.status() >= 500) {
                LOG.log(Level.WARNING, route.name() + ": " + api.getMessage(), cause);
            }
            throw api;
        }
    }

    /** A fault of ours: logged in full, the client gets only an incident id to quote. */
    private static final class InternalFault extends RuntimeException {
        InternalFault(Throwable cause) {
            super(cause);
        }
    }

    private static String internal(Request request, Throwable e) {
        Throwable cause = e instanceof InternalFault && e.getCause() != null ? e.getCause() : e;
        String incident = UUID.randomUUID().toString().substring(0, 8);
        LOG.log(Level.ERROR, "internal error " + incident + " on " + request.getMethod() + " "
                + Request.getPathInContext(request), cause);
        return "internal server error (incident " + incident + "; the server log has the details)";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static void write(Response response, Callback callback, int status, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
