package io.jdeepface.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jdeepface.app.cli.TestModelHome;
import io.jdeepface.engine.format.ModelHome;
import io.jdeepface.testdata.TestPackages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the server tests share: a model home converted from the pinned npm packages into the test
 * cache (as facepipeline's TestModels), the demo photos, and small HTTP helpers.
 */
final class ServerFixture {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final String[] MODELS = {"ultraface-rfb-320", "landmark68", "arcface-512", "faceres", "emotion"};

    private ServerFixture() {}

    /** The test model home with the default pipeline's and analyze's models converted. */
    static ModelHome home() {
        return TestModelHome.with(MODELS);
    }

    static Path sample(int n) {
        return TestPackages.FACE_API.file("demo/sample" + n + ".jpg");
    }

    static byte[] sampleBytes(int n) {
        try {
            return Files.readAllBytes(sample(n));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String dataUri(byte[] jpeg) {
        return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg);
    }

    static ServerConfig loopback() {
        return ServerConfig.defaults().withPort(0).withMaxConcurrent(4).withInferenceThreads(1);
    }

    /** A response: status, headers, body parsed as JSON. */
    record Reply(int status, HttpResponse<String> raw, JsonNode json) {
        String error() {
            return json.path("error").asText();
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    static Reply post(FaceServer s, String path, ObjectNode body, String... headers) {
        return postRaw(s, path, "application/json", body.toString().getBytes(StandardCharsets.UTF_8), headers);
    }

    static Reply postRaw(FaceServer s, String path, String contentType, byte[] body, String... headers) {
        return send(HttpRequest.newBuilder(s.uri().resolve(path)).headers(with(headers, "Content-Type", contentType))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    static Reply multipart(FaceServer s, String path, Multipart form, String... headers) {
        return postRaw(s, path, form.contentType(), form.bytes(), headers);
    }

    static Reply get(FaceServer s, String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.uri().resolve(path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b);
    }

    private static String[] with(String[] headers, String name, String value) {
        String[] all = new String[headers.length + 2];
        System.arraycopy(headers, 0, all, 0, headers.length);
        all[headers.length] = name;
        all[headers.length + 1] = value;
        return all;
    }

    static Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = HTTP.send(b.timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
            return new Reply(r.statusCode(), r, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode body(Object... kv) {
        ObjectNode o = JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            o.set((String) kv[i], JSON.valueToTree(kv[i + 1]));
        }
        return o;
    }

    /** A multipart/form-data body: values that are byte[] become file parts, others text fields. */
    static final class Multipart {
        static final String BOUNDARY = "----jdeepface-test-boundary-7MA4YWxkTrZu0gW";
        private final Map<String, Object> parts = new LinkedHashMap<>();

        Multipart part(String name, Object value) {
            parts.put(name, value);
            return this;
        }

        String contentType() {
            return "multipart/form-data; boundary=" + BOUNDARY;
        }

        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Map.Entry<String, Object> e : parts.entrySet()) {
                write(out, "--" + BOUNDARY + "\r\n");
                if (e.getValue() instanceof byte[] data) {
                    write(out, "Content-Disposition: form-data; name=\"" + e.getKey() + "\"; filename=\"" + e.getKey()
                            + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n");
                    out.writeBytes(data);
                    write(out, "\r\n");
                } else {
                    write(out, "Content-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n" + e.getValue()
                            + "\r\n");
                }
            }
            write(out, "--" + BOUNDARY + "--\r\n");
            return out.toByteArray();
        }

        private static void write(ByteArrayOutputStream out, String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Sends raw bytes on a fresh connection (optionally half-closing it, as a client that gives up
     * mid-body) and returns what the server answered, status line first.
     */
    static String rawExchange(FaceServer s, byte[] request, boolean closeOutput) throws IOException {
        URI uri = s.uri();
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            if (closeOutput) {
                socket.shutdownOutput();
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    got.write(buf, 0, n);
                    String text = got.toString(StandardCharsets.UTF_8);
                    if (text.contains("\r\n\r\n") && text.trim().endsWith("}")) {
                        break; // one JSON answer is enough
                    }
                }
            } catch (SocketTimeoutException e) {
                // return what arrived
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }
}
