package io.jdeepface.app.server;

import static io.jdeepface.app.server.ServerFixture.body;
import static io.jdeepface.app.server.ServerFixture.dataUri;
import static io.jdeepface.app.server.ServerFixture.get;
import static io.jdeepface.app.server.ServerFixture.multipart;
import static io.jdeepface.app.server.ServerFixture.post;
import static io.jdeepface.app.server.ServerFixture.postRaw;
import static io.jdeepface.app.server.ServerFixture.rawExchange;
import static io.jdeepface.app.server.ServerFixture.sampleBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.app.server.ServerFixture.Multipart;
import io.jdeepface.app.server.ServerFixture.Reply;
import io.jdeepface.testdata.HandMadeImages;


import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken requests over HTTP: each gets a 4xx JSON error saying what is wrong, and the
 * server keeps serving (every test ends with a good request that must succeed).
 */
class HostileInputTest {
    private static final long MAX_BODY = 2L << 20;
    private static FaceServer server;
    private static String sample1;

    @BeforeAll
    static void start() throws Exception {
        server = FaceServer.start(ServerFixture.loopback().withMaxBodyBytes(MAX_BODY).withMaxImagesPerRequest(3),
                ServerFixture.home());
        sample1 = dataUri(sampleBytes(1));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void stillServing() {
        Reply ok = post(server, "/represent", body("img", sample1, "max_faces", 1));
        assertEquals(200, ok.status(), "a good request after the hostile ones: " + ok);
        assertEquals(512, ok.json().get("results").get(0).get("embedding").size());
    }

    private static void assertError(Reply r, int status, String... phrases) {
        assertEquals(status, r.status(), r.toString());
        assertEquals(status, r.json().get("status").asInt(), r.toString());
        assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
        for (String p : phrases) {
            assertTrue(r.error().contains(p), "'" + p + "' in: " + r.error());
        }
        assertTrue(!r.raw().body().contains("at io.") && !r.raw().body().contains("Exception:"),
                "no stack traces: " + r.raw().body());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void malformedAndMistypedJson() {
        assertError(postRaw(server, "/represent", "application/json", utf8("{\"img\": ")), 400, "malformed JSON");
        assertError(postRaw(server, "/represent", "application/json", utf8("[1, 2]")), 400, "JSON object");
        assertError(postRaw(server, "/represent", "application/json", utf8("")), 400, "empty request body");
        assertError(postRaw(server, "/represent", "application/json", utf8("[".repeat(5000))), 400, "malformed JSON");
        assertError(post(server, "/represent", body("img", 42)), 400, "'img' must be a string", "a number");
        assertError(post(server, "/verify", body("img1", List.of(sample1), "img2", sample1)), 400, "'img1'");
        assertError(post(server, "/represent", body("img", sample1, "enforce_detection", "maybe")), 400,
                "'enforce_detection' must be true or false");
        assertError(post(server, "/represent", body("img", sample1, "max_faces", "many")), 400,
                "'max_faces' must be an integer");
        assertError(post(server, "/represent", body("img", sample1, "max_faces", 0)), 400, "maxFaces");
        assertError(post(server, "/verify", body("img1", sample1, "img2", sample1, "threshold", 7)), 400, "threshold");
        assertError(postRaw(server, "/represent", "text/plain", utf8("img=x")), 415, "application/json");
        assertError(postRaw(server, "/represent", "application/x-www-form-urlencoded", utf8("img=%zz")), 400);
    }

    @Test
    void badImageData() {
        assertError(post(server, "/represent", body("img", "data:image/jpeg;base64,@@@not base64@@@")), 400,
                "base64");
        assertError(post(server, "/represent", body("img", Base64.getEncoder().encodeToString(utf8("hello world")))),
                400, "not an image");
        byte[] truncatedJpeg = Arrays.copyOf(sampleBytes(1), 4000);
        Reply truncated = post(server, "/represent", body("img", dataUri(truncatedJpeg)));
        assertTrue(truncated.status() == 400 || truncated.status() == 422, truncated.toString());
        assertError(post(server, "/represent", body("img", "photos/alice.jpg")), 400, "--allow-paths");
        assertError(post(server, "/represent", body("img", "https://example.com/a.jpg")), 400, "URL");
    }

    @Test
    void decompressionBombIsRefusedFromItsHeader() throws IOException {
        byte[] bomb = HandMadeImages.pngHeaderOnly(30_000, 30_000);
        assertTrue(bomb.length < 200, "a few bytes declaring 900 megapixels");
        assertError(post(server, "/represent", body("img", "data:image/png;base64,"
                + Base64.getEncoder().encodeToString(bomb))), 413, "30000");
        assertError(multipart(server, "/represent", new Multipart().part("img", bomb)), 413, "30000");
    }

    @Test
    void multipartProblems() {
        Multipart good = new Multipart().part("img", sampleBytes(1)).part("max_faces", "1");
        byte[] all = good.bytes();
        byte[] cut = Arrays.copyOf(all, all.length / 2);
        assertError(postRaw(server, "/represent", good.contentType(), cut), 400, "multipart");
        assertError(postRaw(server, "/represent", "multipart/form-data", all), 400, "multipart");
        assertError(multipart(server, "/verify", new Multipart().part("img1", sampleBytes(1))), 400, "img2");
        assertError(multipart(server, "/represent", new Multipart().part("img", new byte[0])), 400, "no file");
    }

    @Test
    void limitsOnBodyAndImageCount() throws IOException {
        byte[] big = new byte[(int) MAX_BODY + 10];
        Arrays.fill(big, (byte) 'A');
        assertError(postRaw(server, "/represent", "application/json", big), 413, "--max-body");
        // A declared length far beyond the limit is refused before any byte of the body is read.
        String head = "POST /represent HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000000000000\r\n\r\n{\"img\": \"";
        String answer = rawExchange(server, utf8(head), false);
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("\"status\":413") && answer.contains("--max-body"), answer);

        assertError(post(server, "/represent", body("img", List.of(sample1, sample1, sample1, sample1))), 413,
                "4 images", "--max-images");
        Multipart many = new Multipart();
        for (int i = 0; i < 4; i++) {
            many.part("extra" + i, sampleBytes(1));
        }
        assertError(multipart(server, "/verify", many.part("img1", sampleBytes(1))), 413, "--max-images");
    }

    @Test
    void truncatedBodyOnTheWire() throws IOException {
        String head = "POST /represent HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 5000\r\n\r\n{\"img\": \"data:image/jpeg;base64,/9j/";
        String answer = rawExchange(server, utf8(head), true);
        // The client gave up; if the server could still answer, the answer is a 400.
        assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 400"), answer);
    }

    @Test
    void unknownRoutesAndWrongMethods() {
        assertError(get(server, "/nope"), 404, "no route /nope", "/verify");
        Reply wrong = get(server, "/verify");
        assertError(wrong, 405, "POST");
        assertEquals("POST", wrong.header("Allow"));
        assertError(ServerFixture.send(HttpRequest.newBuilder(server.uri().resolve("/health"))
                .DELETE()), 405, "GET");
        assertError(post(server, "/health", body()), 405);
    }

    @Test
    void oversizedHeadersGetJsonToo() throws IOException {
        String head = "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Junk: " + "x".repeat(64 * 1024) + "\r\n\r\n";
        String answer = rawExchange(server, utf8(head), false);
        assertTrue(answer.startsWith("HTTP/1.1 431") || answer.startsWith("HTTP/1.1 400"), answer);
    }
}
