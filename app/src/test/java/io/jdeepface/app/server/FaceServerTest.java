package io.jdeepface.app.server;

import static io.jdeepface.app.server.ServerFixture.body;
import static io.jdeepface.app.server.ServerFixture.dataUri;
import static io.jdeepface.app.server.ServerFixture.get;
import static io.jdeepface.app.server.ServerFixture.multipart;
import static io.jdeepface.app.server.ServerFixture.post;
import static io.jdeepface.app.server.ServerFixture.sampleBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepface.app.server.ServerFixture.Multipart;
import io.jdeepface.app.server.ServerFixture.Reply;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The routes end to end over loopback HTTP: DeepFace's request fields in, its field names out. */
class FaceServerTest {
    private static FaceServer server;
    private static String sample1;
    private static String sample3;

    @BeforeAll
    static void start() throws Exception {
        server = FaceServer.start(ServerFixture.loopback(), ServerFixture.home());
        sample1 = dataUri(sampleBytes(1));
        sample3 = dataUri(sampleBytes(3));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void verifyAnswersWithDeepFacesFields() {
        Reply same = post(server, "/verify", body("img1", sample1, "img2", sample1));
        assertEquals(200, same.status(), same.toString());
        JsonNode v = same.json();
        assertTrue(v.get("verified").asBoolean(), v.toString());
        assertEquals(0, v.get("distance").asDouble(), 1e-4);
        assertTrue(v.get("threshold").asDouble() > 0);
        assertEquals("arcface-512", v.get("model").asText());
        assertEquals("ultraface", v.get("detector_backend").asText());
        assertEquals("cosine", v.get("similarity_metric").asText());
        for (String img : List.of("img1", "img2")) {
            JsonNode area = v.get("facial_areas").get(img);
            for (String f : List.of("x", "y", "w", "h")) {
                assertTrue(area.get(f).isInt(), area.toString());
            }
            assertEquals(2, area.get("left_eye").size(), area.toString());
            assertEquals(2, area.get("right_eye").size(), area.toString());
        }
        assertTrue(v.has("confidence") && v.has("time"), v.toString());

        // Different photos, DeepFace's option names in a multipart form with file parts.
        Reply other = multipart(server, "/verify", new Multipart().part("img1", sampleBytes(1))
                .part("img2", sampleBytes(3)).part("distance_metric", "euclidean_l2").part("align", "true")
                .part("detector_backend", "ultraface").part("model_name", "arcface-512"));
        assertEquals(200, other.status(), other.toString());
        assertEquals("euclidean_l2", other.json().get("similarity_metric").asText());
        double d = other.json().get("distance").asDouble();
        assertTrue(d > 0.1 && d <= 2, other.toString());
        assertEquals(d <= other.json().get("threshold").asDouble(), other.json().get("verified").asBoolean());
    }

    @Test
    void representGivesTheSameEmbeddingsFromJsonAndMultipart() {
        Reply json = post(server, "/represent", body("img", sample1, "max_faces", 2));
        assertEquals(200, json.status(), json.toString());
        JsonNode results = json.json().get("results");
        assertEquals(2, results.size(), "max_faces=2 of sample1's three faces");
        for (JsonNode face : results) {
            assertEquals(512, face.get("embedding").size());
            assertTrue(face.get("face_confidence").asDouble() > 0.5, face.toString());
            JsonNode area = face.get("facial_area");
            assertTrue(area.get("w").asInt() > 20 && area.has("left_eye") && area.has("right_eye"), area.toString());
        }
        Reply form = multipart(server, "/represent", new Multipart().part("img", sampleBytes(1))
                .part("max_faces", "2"));
        assertEquals(200, form.status(), form.toString());
        assertEquals(results, form.json().get("results"), "same image, same answer");

        // A url-encoded form, and JSON sent as one (curl -d without a Content-Type).
        String encoded = "img=" + java.net.URLEncoder.encode(sample1, java.nio.charset.StandardCharsets.UTF_8)
                + "&max_faces=2";
        Reply urlEncoded = ServerFixture.postRaw(server, "/represent", "application/x-www-form-urlencoded",
                encoded.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(200, urlEncoded.status(), urlEncoded.toString());
        assertEquals(results, urlEncoded.json().get("results"));
        Reply curlStyle = ServerFixture.postRaw(server, "/represent", "application/x-www-form-urlencoded",
                body("img", sample1, "max_faces", 2).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(200, curlStyle.status(), curlStyle.toString());

        // An array of images: one result list per image.
        Reply batch = post(server, "/represent", body("img", List.of(sample1, sample3), "max_faces", 1));
        assertEquals(200, batch.status(), batch.toString());
        assertEquals(2, batch.json().get("results").size());
        assertEquals(results.get(0).get("embedding"), batch.json().get("results").get(0).get(0).get("embedding"));
    }

    @Test
    void analyzeReportsAgeGenderEmotion() {
        Reply r = post(server, "/analyze", body("img", sample1, "actions", List.of("age", "gender", "emotion"),
                "max_faces", 1));
        assertEquals(200, r.status(), r.toString());
        JsonNode results = r.json().get("results");
        assertEquals(1, results.size(), r.toString());
        for (JsonNode face : results) {
            int age = face.get("age").asInt();
            assertTrue(age > 5 && age < 90, face.toString());
            assertTrue(List.of("Woman", "Man").contains(face.get("dominant_gender").asText()), face.toString());
            assertEquals(2, face.get("gender").size());
            assertTrue(face.get("emotion").has(face.get("dominant_emotion").asText()), face.toString());
            assertTrue(face.has("region") && face.has("face_confidence"), face.toString());
        }
        // DeepFace's form-data spelling of actions; only what was asked for is reported.
        Reply form = multipart(server, "/analyze", new Multipart().part("img", sampleBytes(1))
                .part("actions", "['age']").part("max_faces", "1"));
        assertEquals(200, form.status(), form.toString());
        JsonNode first = form.json().get("results").get(0);
        assertEquals(results.get(0).get("age"), first.get("age"));
        assertFalse(first.has("dominant_emotion"), first.toString());
    }

    @Test
    void unknownOptionValuesAreRefusedWithTheSupportedOnes() {
        Reply detector = post(server, "/represent", body("img", sample1, "detector_backend", "opencv"));
        assertEquals(400, detector.status(), detector.toString());
        assertTrue(detector.error().contains("ultraface") && detector.error().contains("blazeface-back")
                && detector.error().contains("skip"), detector.error());
        Reply model = post(server, "/verify", body("img1", sample1, "img2", sample1, "model_name", "VGG-Face"));
        assertEquals(400, model.status(), model.toString());
        assertTrue(model.error().contains("arcface-512"), model.error());
        Reply metric = post(server, "/verify", body("img1", sample1, "img2", sample1, "distance_metric", "manhattan"));
        assertEquals(400, metric.status(), metric.toString());
        Reply race = post(server, "/analyze", body("img", sample1, "actions", List.of("race")));
        assertEquals(400, race.status(), race.toString());
        assertTrue(race.error().contains("race") && race.error().contains("emotion"), race.error());
        Reply missing = post(server, "/verify", body("img1", sample1));
        assertEquals(400, missing.status(), missing.toString());
        assertTrue(missing.error().contains("img2"), missing.error());
    }

    @Test
    void noFaceIs422WithDeepFacesAdvice() {
        // A plain gray image: decodable, faceless.
        java.awt.image.BufferedImage gray = new java.awt.image.BufferedImage(160, 120,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = gray.createGraphics();
        g.setColor(java.awt.Color.GRAY);
        g.fillRect(0, 0, 160, 120);
        g.dispose();
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(gray, "png", png);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String uri = "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(png.toByteArray());
        Reply r = post(server, "/represent", body("img", uri));
        assertEquals(422, r.status(), r.toString());
        assertTrue(r.error().contains("Face could not be detected") && r.error().contains("enforce_detection"),
                r.error());
        Reply whole = post(server, "/represent", body("img", uri, "enforce_detection", false));
        assertEquals(200, whole.status(), whole.toString());
        assertEquals(0, whole.json().get("results").get(0).get("face_confidence").asDouble());
    }

    @Test
    void healthAndHomeDescribeTheServer() {
        post(server, "/represent", body("img", sample1, "max_faces", 1));
        Reply h = get(server, "/health");
        assertEquals(200, h.status(), h.toString());
        JsonNode j = h.json();
        assertEquals("ok", j.get("status").asText());
        assertTrue(j.has("version") && j.get("uptime_seconds").asDouble() >= 0, j.toString());
        assertTrue(j.get("models").get("installed").toString().contains("arcface-512"), j.toString());
        assertTrue(j.get("models").get("loaded").toString().contains("arcface-512"), j.toString());
        assertFalse(j.get("auth").asBoolean());
        assertFalse(j.get("find").asBoolean());
        Reply home = get(server, "/");
        assertEquals(200, home.status());
        assertTrue(home.json().get("routes").toString().contains("POST /verify"), home.toString());
    }

    @Test
    void findWithoutADatabaseIsAClear404() {
        Reply r = post(server, "/find", body("img", sample1));
        assertEquals(404, r.status(), r.toString());
        assertTrue(r.error().contains("--db"), r.error());
    }
}
