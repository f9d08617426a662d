package io.jdeepface.app.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jdeepface.face.align.Landmarks68;
import io.jdeepface.face.align.Point;
import io.jdeepface.face.api.FaceAnalysis;
import io.jdeepface.face.api.FaceCrop;
import io.jdeepface.face.api.FacialArea;
import io.jdeepface.face.api.Match;
import io.jdeepface.face.api.Representation;
import io.jdeepface.face.api.VerifyResult;
import io.jdeepface.face.attributes.AgeEstimate;
import io.jdeepface.face.attributes.EmotionEstimate;
import io.jdeepface.face.attributes.EyeState;
import io.jdeepface.face.attributes.GenderEstimate;
import io.jdeepface.face.attributes.HeadPose;
import io.jdeepface.face.image.Image;
import io.jdeepface.face.spoof.SpoofScore;
import io.jdeepface.face.verify.DistanceMetric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultJsonTest {
    private static final FacialArea AREA = new FacialArea(10, 20, 30, 40, new Point(31.6, 30.2), new Point(18.4, 29.5));
    private static final FacialArea NO_EYES = new FacialArea(0, 0, 64, 48, null, null);

    private static List<String> names(JsonNode o) {
        List<String> out = new ArrayList<>();
        o.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void verifyHasDeepFacesFieldsInOrder() throws Exception {
        VerifyResult r = new VerifyResult(true, 0.43121, 0.7028, 87.3456, "arcface-512", "ultraface",
                DistanceMetric.EUCLIDEAN_L2, AREA, NO_EYES, 1.23456);
        ObjectNode o = ResultJson.verify(r);
        assertEquals(List.of("verified", "distance", "threshold", "confidence", "model", "detector_backend",
                "similarity_metric", "facial_areas", "time"), names(o));
        assertTrue(o.get("verified").booleanValue());
        assertEquals(0.43121, o.get("distance").doubleValue());
        assertEquals(0.7028, o.get("threshold").doubleValue());
        assertEquals(87.35, o.get("confidence").doubleValue());
        assertEquals("euclidean_l2", o.get("similarity_metric").textValue());
        assertEquals("ultraface", o.get("detector_backend").textValue());
        assertEquals(1.23, o.get("time").doubleValue());
        JsonNode img1 = o.get("facial_areas").get("img1");
        assertEquals(List.of("x", "y", "w", "h", "left_eye", "right_eye"), names(img1));
        assertEquals(10, img1.get("x").intValue());
        assertEquals(40, img1.get("h").intValue());
        // Eyes are whole pixels [x, y], as DeepFace's.
        assertEquals("[32,30]", img1.get("left_eye").toString());
        assertEquals("[18,30]", img1.get("right_eye").toString());
        JsonNode img2 = o.get("facial_areas").get("img2");
        assertTrue(img2.get("left_eye").isNull());
        assertTrue(img2.get("right_eye").isNull());
        // It serialises with the shared mapper.
        String text = ResultJson.mapper().writeValueAsString(o);
        assertTrue(text.startsWith("{\"verified\":true,\"distance\":0.43121,"), text);
        assertTrue(text.contains("\"left_eye\":null"), text);
    }

    @Test
    void representListsEveryFace() {
        float[] e = {0.25f, -0.5f, 0.125f};
        ArrayNode list = ResultJson.represent(List.of(new Representation(e, AREA, 0.98765),
                new Representation(e, NO_EYES, 0)));
        assertEquals(2, list.size());
        JsonNode first = list.get(0);
        assertEquals(List.of("embedding", "facial_area", "face_confidence"), names(first));
        assertEquals(3, first.get("embedding").size());
        assertEquals(-0.5, first.get("embedding").get(1).doubleValue());
        assertEquals(0.99, first.get("face_confidence").doubleValue());
        assertEquals(0.0, list.get(1).get("face_confidence").doubleValue());
        assertTrue(list.get(1).get("facial_area").get("left_eye").isNull());
    }

    @Test
    void analyzeUsesPercentagesThatAddUpAndNamesEyesFromThePersonsSide() {
        double[] emotions = {1, 2, 3, 60, 4, 5, 25};
        float[] xy = new float[2 * Landmarks68.POINTS];
        for (int i = 0; i < xy.length; i++) {
            xy[i] = i + 0.123f;
        }
        FaceAnalysis a = new FaceAnalysis(AREA, 0.9, new AgeEstimate(31.6), GenderEstimate.ofManProbability(0.8),
                new EmotionEstimate(emotions), new HeadPose(10.5, -3, 2), new EyeState(0.9, 0.2), new Landmarks68(xy));
        JsonNode o = ResultJson.analyze(List.of(a)).get(0);
        assertEquals(List.of("region", "face_confidence", "age", "dominant_gender", "gender", "dominant_emotion",
                "emotion", "pose", "eyes", "landmarks"), names(o));
        assertEquals(32, o.get("age").intValue());
        assertTrue(o.get("age").isInt());
        assertEquals("Man", o.get("dominant_gender").textValue());
        assertEquals(List.of("Woman", "Man"), names(o.get("gender")));
        assertEquals(100, o.get("gender").get("Woman").doubleValue() + o.get("gender").get("Man").doubleValue(), 1e-9);
        assertEquals(80, o.get("gender").get("Man").doubleValue(), 1e-9);
        assertEquals("happy", o.get("dominant_emotion").textValue());
        assertEquals(List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"), names(o.get("emotion")));
        double sum = 0;
        for (Iterator<JsonNode> it = o.get("emotion").elements(); it.hasNext(); ) {
            sum += it.next().doubleValue();
        }
        assertEquals(100, sum, 1e-9);
        assertEquals(List.of("yaw", "pitch", "roll"), names(o.get("pose")));
        assertEquals(10.5, o.get("pose").get("yaw").doubleValue());
        // EyeState's "left" is image-left, the person's right eye.
        assertEquals("closed", o.get("eyes").get("left").get("state").textValue());
        assertEquals(0.2, o.get("eyes").get("left").get("open_probability").doubleValue());
        assertEquals("open", o.get("eyes").get("right").get("state").textValue());
        assertEquals(68, o.get("landmarks").size());
        assertEquals("[2.12,3.12]", o.get("landmarks").get(1).toString());
    }

    @Test
    void analyzeLeavesOutActionsNotRequested() {
        FaceAnalysis a = new FaceAnalysis(NO_EYES, 0, null, null, new EmotionEstimate(new double[] {0, 0, 0, 0, 0, 0, 100}),
                null, null, null);
        JsonNode o = ResultJson.analyze(List.of(a)).get(0);
        assertEquals(List.of("region", "face_confidence", "dominant_emotion", "emotion"), names(o));
        assertEquals("neutral", o.get("dominant_emotion").textValue());
    }

    @Test
    void extractReportsSpoofVerdictOnlyWhenChecked() {
        Image pixels = Image.ofRgb(2, 2, new byte[12], "test");
        FaceCrop checked = new FaceCrop(pixels, AREA, 0.876, Optional.of(new SpoofScore(false, 0.12)));
        FaceCrop plain = new FaceCrop(pixels, NO_EYES, 0.5, Optional.empty());
        ArrayNode list = ResultJson.extract(List.of(checked, plain), List.of("out/a_face0.png", "out/a_face1.png"));
        assertEquals(List.of("facial_area", "confidence", "is_real", "antispoof_score", "file"), names(list.get(0)));
        assertFalse(list.get(0).get("is_real").booleanValue());
        assertEquals(0.12, list.get(0).get("antispoof_score").doubleValue());
        assertEquals(0.88, list.get(0).get("confidence").doubleValue());
        assertEquals(List.of("facial_area", "confidence", "file"), names(list.get(1)));
        assertEquals("out/a_face1.png", list.get(1).get("file").textValue());
        assertEquals(List.of("facial_area", "confidence"), names(ResultJson.extract(List.of(plain)).get(0)));
        assertThrows(IllegalArgumentException.class, () -> ResultJson.extract(List.of(plain), List.of()));
    }

    @Test
    void findHasOneListPerQueryFaceWithDeepFacesColumns() {
        Match m = new Match("alice/1.jpg", Path.of("db/alice/1.jpg"), AREA, 0.31, 0.7028, 91.234);
        ArrayNode out = ResultJson.find(List.of(List.of(m), List.of()), List.of(NO_EYES, AREA));
        assertEquals(2, out.size());
        assertEquals(0, out.get(1).size());
        JsonNode row = out.get(0).get(0);
        assertEquals(List.of("identity", "target_x", "target_y", "target_w", "target_h", "source_x", "source_y",
                "source_w", "source_h", "distance", "threshold", "confidence"), names(row));
        assertEquals("alice/1.jpg", row.get("identity").textValue());
        assertEquals(30, row.get("target_w").intValue());
        assertEquals(64, row.get("source_w").intValue());
        assertEquals(0.31, row.get("distance").doubleValue());
        assertEquals(91.23, row.get("confidence").doubleValue());
        JsonNode noSource = ResultJson.find(List.of(List.of(m))).get(0).get(0);
        assertFalse(noSource.has("source_x"));
        assertThrows(IllegalArgumentException.class, () -> ResultJson.find(List.of(List.of(m)), List.of()));
    }

    @Test
    void errorIsOneField() {
        assertEquals("{\"error\":\"no face\"}", ResultJson.error("no face").toString());
    }
}
