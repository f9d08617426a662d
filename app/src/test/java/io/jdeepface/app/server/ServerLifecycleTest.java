package io.jdeepface.app.server;

import static io.jdeepface.app.server.ServerFixture.body;
import static io.jdeepface.app.server.ServerFixture.dataUri;
import static io.jdeepface.app.server.ServerFixture.get;
import static io.jdeepface.app.server.ServerFixture.post;
import static io.jdeepface.app.server.ServerFixture.sampleBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.app.server.ServerFixture.Reply;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Auth, paths, find, and the limits that need a request held in flight (concurrency, timeout,
 * graceful shutdown), each on its own small server: a {@link WorkProbe} holds the request.
 */
class ServerLifecycleTest {
    private static String sample1;

    @TempDir
    Path tmp;

    @BeforeAll
    static void photos() {
        sample1 = dataUri(sampleBytes(1));
    }

    /** A probe that parks each request until released, and tells when one has arrived. */
    static final class Gate implements WorkProbe {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void beforeWork(String route) throws InterruptedException {
            entered.countDown();
            release.await(60, TimeUnit.SECONDS);
        }

        void awaitEntered() throws InterruptedException {
            assertTrue(entered.await(30, TimeUnit.SECONDS), "a request reached the work stage");
        }
    }

    private static CompletableFuture<Reply> async(FaceServer s, String path, com.fasterxml.jackson.databind.node.ObjectNode b) {
        return CompletableFuture.supplyAsync(() -> post(s, path, b));
    }

    @Test
    void bearerTokenGuardsTheFaceRoutesButNotHealth() throws Exception {
        String token = "s3cret-token-for-tests";
        try (FaceServer s = FaceServer.start(ServerFixture.loopback().withApiToken(token), ServerFixture.home())) {
            Reply health = get(s, "/health");
            assertEquals(200, health.status(), health.toString());
            assertTrue(health.json().get("auth").asBoolean());

            Reply missing = post(s, "/represent", body("img", sample1, "max_faces", 1));
            assertEquals(401, missing.status(), missing.toString());
            assertTrue(missing.header("WWW-Authenticate").startsWith("Bearer"), missing.header("WWW-Authenticate"));
            assertTrue(missing.error().contains("Bearer"), missing.error());

            Reply wrong = post(s, "/represent", body("img", sample1), "Authorization", "Bearer " + token + "x");
            assertEquals(401, wrong.status(), wrong.toString());
            assertTrue(wrong.error().contains("invalid"), wrong.error());
            Reply basic = post(s, "/represent", body("img", sample1), "Authorization", "Basic " + token);
            assertEquals(401, basic.status(), basic.toString());

            Reply right = post(s, "/represent", body("img", sample1, "max_faces", 1),
                    "Authorization", "Bearer " + token);
            assertEquals(200, right.status(), right.toString());
            assertEquals(512, right.json().get("results").get(0).get("embedding").size());
        }
    }

    @Test
    void imagePathsStayInsideTheAllowedFolder() throws Exception {
        Path allowed = Files.createDirectories(tmp.resolve("allowed/photos"));
        Files.copy(ServerFixture.sample(1), allowed.resolve("alice.jpg"));
        Path outside = Files.copy(ServerFixture.sample(3), tmp.resolve("secret.jpg"));
        Files.createSymbolicLink(allowed.resolve("escape.jpg"), outside);
        Path root = tmp.resolve("allowed");
        try (FaceServer s = FaceServer.start(ServerFixture.loopback().withAllowedImageDir(root),
                ServerFixture.home())) {
            Reply relative = post(s, "/represent", body("img", "photos/alice.jpg", "max_faces", 1));
            assertEquals(200, relative.status(), relative.toString());
            Reply absolute = post(s, "/represent", body("img_path", root.resolve("photos/alice.jpg").toString(),
                    "max_faces", 1));
            assertEquals(200, absolute.status(), absolute.toString());
            assertEquals(relative.json(), absolute.json());

            Reply dots = post(s, "/represent", body("img", "photos/../../secret.jpg"));
            assertEquals(403, dots.status(), dots.toString());
            assertTrue(dots.error().contains(".."), dots.error());
            Reply elsewhere = post(s, "/represent", body("img", outside.toString()));
            assertEquals(403, elsewhere.status(), elsewhere.toString());
            Reply link = post(s, "/represent", body("img", "photos/escape.jpg"));
            assertEquals(403, link.status(), link.toString());
            Reply none = post(s, "/represent", body("img", "photos/bob.jpg"));
            assertEquals(400, none.status(), none.toString());
            assertFalse(none.raw().body().contains(tmp.toString()), "no server paths in errors: " + none);
        }
    }

    @Test
    void findSearchesTheDatabaseIndexedAtStart() throws Exception {
        Path db = Files.createDirectories(tmp.resolve("db"));
        Files.copy(ServerFixture.sample(1), db.resolve("group1.jpg"));
        // A faceless image: indexed as no faces, never matched.
        java.awt.image.BufferedImage blank = new java.awt.image.BufferedImage(64, 64,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        javax.imageio.ImageIO.write(blank, "png", db.resolve("blank.png").toFile());
        try (FaceServer s = FaceServer.start(ServerFixture.loopback().withDatabase(db), ServerFixture.home())) {
            assertTrue(Files.list(db).count() > 2, "the store file was written at start");
            Reply r = post(s, "/find", body("img", sample1, "max_faces", 1, "k", 2));
            assertEquals(200, r.status(), r.toString());
            var rows = r.json().get("results").get(0);
            assertEquals(1, rows.size(), "group1's other two faces are other people: " + r);
            var best = rows.get(0);
            assertTrue(best.get("identity").asText().endsWith("group1.jpg"), best.toString());
            assertEquals(0, best.get("distance").asDouble(), 1e-3);
            for (String f : new String[] {"target_x", "target_y", "target_w", "target_h", "threshold", "confidence"}) {
                assertTrue(best.has(f), f + " in " + best);
            }
            // A threshold that lets strangers through: k caps the rows, nearest first.
            Reply loose = post(s, "/find", body("img", sample1, "max_faces", 1, "k", 2, "threshold", 1.9));
            assertEquals(200, loose.status(), loose.toString());
            var two = loose.json().get("results").get(0);
            assertEquals(2, two.size(), loose.toString());
            assertTrue(two.get(0).get("distance").asDouble() <= two.get(1).get("distance").asDouble());
            assertEquals(1.9, two.get(1).get("threshold").asDouble());
            assertTrue(get(s, "/health").json().get("find").asBoolean());
        }
    }

    @Test
    void excessRequestsGet503AtOnceWhileAllPermitsAreTaken() throws Exception {
        Gate gate = new Gate();
        try (FaceServer s = FaceServer.start(ServerFixture.loopback().withMaxConcurrent(1), ServerFixture.home(),
                gate)) {
            CompletableFuture<Reply> first = async(s, "/represent", body("img", "aGVsbG8gd29ybGQ="));
            gate.awaitEntered();
            Reply busy = post(s, "/represent", body("img", sample1));
            assertEquals(503, busy.status(), busy.toString());
            assertEquals("1", busy.header("Retry-After"));
            assertTrue(busy.error().contains("--max-concurrent"), busy.error());
            assertEquals(1, get(s, "/health").json().get("in_flight").asInt(), "health is never limited");
            gate.release.countDown();
            Reply done = first.get(60, TimeUnit.SECONDS);
            assertEquals(400, done.status(), "the held request ran to its own answer: " + done);
            awaitIdle(s);
            Reply after = post(s, "/represent", body("img", sample1, "max_faces", 1));
            assertEquals(200, after.status(), after.toString());
        }
    }

    @Test
    void slowWorkGets504AndKeepsItsPermitUntilItEnds() throws Exception {
        Gate gate = new Gate();
        try (FaceServer s = FaceServer.start(ServerFixture.loopback().withMaxConcurrent(1)
                .withRequestTimeout(Duration.ofMillis(300)), ServerFixture.home(), gate)) {
            Reply slow = post(s, "/represent", body("img", "aGVsbG8gd29ybGQ="));
            assertEquals(504, slow.status(), slow.toString());
            assertTrue(slow.error().contains("300 ms") && slow.error().contains("--timeout"), slow.error());
            // The timed-out work still holds the only permit: the limit bounds real work, not answers.
            Reply busy = post(s, "/represent", body("img", "aGVsbG8gd29ybGQ="));
            assertEquals(503, busy.status(), busy.toString());
            gate.release.countDown();
            awaitIdle(s);
            Reply next = post(s, "/represent", body("img", "aGVsbG8gd29ybGQ="));
            assertEquals(400, next.status(), "fast work answers normally again: " + next);
        }
    }

    @Test
    void shutdownStopsAcceptingAndFinishesInFlightRequests() throws Exception {
        Gate gate = new Gate();
        FaceServer s = FaceServer.start(ServerFixture.loopback(), ServerFixture.home(), gate);
        int port = s.port();
        CompletableFuture<Reply> inFlight = async(s, "/represent", body("img", sample1, "max_faces", 1));
        gate.awaitEntered();
        Thread closer = new Thread(s::close, "test-closer");
        closer.start();
        awaitRefused(port);
        assertTrue(closer.isAlive(), "close waits for the in-flight request");
        assertFalse(s.isUnloaded());
        gate.release.countDown();
        Reply r = inFlight.get(60, TimeUnit.SECONDS);
        assertEquals(200, r.status(), "the in-flight request completed: " + r);
        assertEquals(512, r.json().get("results").get(0).get("embedding").size());
        closer.join(60_000);
        assertFalse(closer.isAlive());
        assertTrue(s.isUnloaded(), "models unloaded after the drain");
    }

    @Test
    void shutdownDrainIsBoundedByTheDrainTimeout() throws Exception {
        Gate gate = new Gate();
        FaceServer s = FaceServer.start(ServerFixture.loopback().withDrainTimeout(Duration.ofMillis(300)),
                ServerFixture.home(), gate);
        CompletableFuture<Reply> stuck = CompletableFuture.supplyAsync(() -> {
            try {
                return post(s, "/represent", body("img", "aGVsbG8gd29ybGQ="));
            } catch (RuntimeException e) {
                return null; // the connection was closed: acceptable for a request past the drain
            }
        });
        gate.awaitEntered();
        Thread closer = new Thread(s::close, "test-closer");
        closer.start();
        closer.join(30_000);
        assertFalse(closer.isAlive(), "close returned although a request never finished");
        assertTrue(s.isUnloaded());
        gate.release.countDown();
        Reply r = stuck.get(60, TimeUnit.SECONDS);
        assertTrue(r == null || r.status() != 200, String.valueOf(r));
    }

    private static void awaitIdle(FaceServer s) throws InterruptedException {
        for (int i = 0; i < 600 && s.inFlight() > 0; i++) {
            Thread.sleep(50);
        }
        assertEquals(0, s.inFlight());
    }

    private static void awaitRefused(int port) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                Thread.sleep(20);
            } catch (ConnectException refused) {
                return;
            } catch (IOException other) {
                return;
            }
        }
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(), "stopped accepting");
        assertNotEquals(0, port);
    }
}
