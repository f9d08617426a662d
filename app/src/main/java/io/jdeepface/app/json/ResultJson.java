package io.jdeepface.app.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jdeepface.face.align.Landmarks68;
import io.jdeepface.face.align.Point;
import io.jdeepface.face.api.FaceAnalysis;
import io.jdeepface.face.api.FaceCrop;
import io.jdeepface.face.api.FacialArea;
import io.jdeepface.face.api.Match;
import io.jdeepface.face.api.Representation;
import io.jdeepface.face.api.VerifyResult;
import io.jdeepface.face.attributes.Emotion;
import io.jdeepface.face.attributes.EmotionEstimate;
import io.jdeepface.face.attributes.EyeState;
import io.jdeepface.face.attributes.GenderEstimate;
import io.jdeepface.face.attributes.HeadPose;
import java.util.List;

/**
 * The facade's results as JSON with DeepFace's field names and shapes, so that scripts written
 * against DeepFace's dictionaries (and its REST API) read ours unchanged. Shared by the CLI's
 * {@code --json} output and the REST server.
 *
 * <p>Conventions taken from DeepFace: a facial area is {@code {x, y, w, h, left_eye, right_eye}}
 * with the eyes as whole-pixel {@code [x, y]} named from the person's side (null when unknown);
 * detector confidences and verification confidence are rounded to 2 decimals, {@code time} to 2
 * decimals of a second; distances, thresholds and percentages are not rounded.
 */
public final class ResultJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ResultJson() {}

    /** A mapper for writing these nodes; one per caller is fine (it is thread-safe once built). */
    public static ObjectMapper mapper() {
        return JsonMapper.builder().build();
    }

    // ---- verify ----

    /**
     * DeepFace's verify dictionary: {@code verified, distance, threshold, confidence, model,
     * detector_backend, similarity_metric, facial_areas {img1, img2}, time}.
     */
    public static ObjectNode verify(VerifyResult r) {
        ObjectNode o = NODES.objectNode();
        o.put("verified", r.verified());
        o.put("distance", r.distance());
        o.put("threshold", r.threshold());
        o.put("confidence", round2(r.confidence()));
        o.put("model", r.model());
        o.put("detector_backend", r.detector());
        o.put("similarity_metric", r.metric().deepFaceName());
        ObjectNode areas = o.putObject("facial_areas");
        areas.set("img1", facialArea(r.img1Area()));
        areas.set("img2", facialArea(r.img2Area()));
        o.put("time", round2(r.seconds()));
        return o;
    }

    // ---- represent ----

    /** DeepFace's represent list: one {@code {embedding, facial_area, face_confidence}} per face. */
    public static ArrayNode represent(List<Representation> faces) {
        ArrayNode list = NODES.arrayNode();
        for (Representation r : faces) {
            ObjectNode o = list.addObject();
            ArrayNode embedding = o.putArray("embedding");
            for (float v : r.embedding()) {
                embedding.add(v);
            }
            o.set("facial_area", facialArea(r.facialArea()));
            o.put("face_confidence", round2(r.faceConfidence()));
        }
        return list;
    }

    // ---- analyze ----

    /**
     * DeepFace's analyze list, one object per face: {@code region, face_confidence} and, for the
     * requested actions only, {@code age} (rounded to whole years; an int as in DeepFace),
     * {@code dominant_gender} and {@code gender {Woman, Man}} in percent, {@code dominant_emotion} and {@code emotion {angry,
     * disgust, fear, happy, sad, surprise, neutral}} in percent; then jdeepface's extras
     * {@code pose {yaw, pitch, roll}} in degrees, {@code eyes {left, right}} each
     * {@code {state: "open"|"closed", open_probability}} (the person's left and right, as the
     * facial area's eyes), and {@code landmarks}, 68 {@code [x, y]} points in image pixels.
     */
    public static ArrayNode analyze(List<FaceAnalysis> faces) {
        ArrayNode list = NODES.arrayNode();
        for (FaceAnalysis a : faces) {
            ObjectNode o = list.addObject();
            o.set("region", facialArea(a.region()));
            o.put("face_confidence", round2(a.faceConfidence()));
            if (a.age() != null) {
                o.put("age", (int) Math.round(a.age().years()));
            }
            if (a.gender() != null) {
                GenderEstimate g = a.gender();
                o.put("dominant_gender", g.dominant().label());
                ObjectNode gender = o.putObject("gender");
                gender.put("Woman", g.woman());
                gender.put("Man", g.man());
            }
            if (a.emotion() != null) {
                EmotionEstimate e = a.emotion();
                o.put("dominant_emotion", e.dominant().label());
                ObjectNode emotion = o.putObject("emotion");
                for (Emotion label : Emotion.values()) {
                    emotion.put(label.label(), e.percentage(label));
                }
            }
            if (a.pose() != null) {
                HeadPose p = a.pose();
                ObjectNode pose = o.putObject("pose");
                pose.put("yaw", p.yaw());
                pose.put("pitch", p.pitch());
                pose.put("roll", p.roll());
            }
            if (a.eyes() != null) {
                EyeState s = a.eyes();
                ObjectNode eyes = o.putObject("eyes");
                // EyeState names eyes as seen; the person's left eye is the image-right one.
                eyes.set("left", eye(s.rightOpenProbability()));
                eyes.set("right", eye(s.leftOpenProbability()));
            }
            if (a.landmarks() != null) {
                o.set("landmarks", landmarks(a.landmarks()));
            }
        }
        return list;
    }

    private static ObjectNode eye(double openProbability) {
        ObjectNode o = NODES.objectNode();
        o.put("state", openProbability > 0.5 ? "open" : "closed");
        o.put("open_probability", openProbability);
        return o;
    }

    private static ArrayNode landmarks(Landmarks68 l) {
        ArrayNode points = NODES.arrayNode();
        for (int i = 0; i < Landmarks68.POINTS; i++) {
            Point p = l.point(i);
            points.addArray().add(round2(p.x())).add(round2(p.y()));
        }
        return points;
    }

    // ---- extract ----

    /** {@link #extract(List, List)} without file names: {@code facial_area, confidence} and the spoof verdict. */
    public static ArrayNode extract(List<FaceCrop> faces) {
        return extract(faces, null);
    }

    /**
     * DeepFace's extract_faces list without the pixels: per face {@code facial_area, confidence},
     * {@code is_real} and {@code antispoof_score} when anti-spoofing ran, and {@code file}, where
     * the crop was written, when {@code files} is not null ({@code files.get(i)} for face i).
     */
    public static ArrayNode extract(List<FaceCrop> faces, List<String> files) {
        if (files != null && files.size() != faces.size()) {
            throw new IllegalArgumentException(faces.size() + " faces but " + files.size() + " file names");
        }
        ArrayNode list = NODES.arrayNode();
        for (int i = 0; i < faces.size(); i++) {
            FaceCrop c = faces.get(i);
            ObjectNode o = list.addObject();
            o.set("facial_area", facialArea(c.facialArea()));
            o.put("confidence", round2(c.confidence()));
            c.isReal().ifPresent(real -> o.put("is_real", real));
            c.antispoofScore().ifPresent(score -> o.put("antispoof_score", score));
            if (files != null) {
                o.put("file", files.get(i));
            }
        }
        return list;
    }

    // ---- find ----

    /** {@link #find(List, List)} without the query faces' areas (no {@code source_*} fields). */
    public static ArrayNode find(List<List<Match>> perQueryFace) {
        return find(perQueryFace, null);
    }

    /**
     * DeepFace's find result, one list per query face (DeepFace's list of data frames), each row
     * {@code identity, target_x, target_y, target_w, target_h, source_x, source_y, source_w,
     * source_h, distance, threshold, confidence}, nearest first. The {@code source_*} fields are the
     * query face's area, {@code sources.get(i)} for face i; they are left out when {@code sources}
     * is null.
     */
    public static ArrayNode find(List<List<Match>> perQueryFace, List<FacialArea> sources) {
        if (sources != null && sources.size() != perQueryFace.size()) {
            throw new IllegalArgumentException(perQueryFace.size() + " query faces but " + sources.size()
                    + " source areas");
        }
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < perQueryFace.size(); i++) {
            ArrayNode rows = out.addArray();
            for (Match m : perQueryFace.get(i)) {
                ObjectNode o = rows.addObject();
                o.put("identity", m.identity());
                FacialArea t = m.targetArea();
                o.put("target_x", t.x());
                o.put("target_y", t.y());
                o.put("target_w", t.w());
                o.put("target_h", t.h());
                if (sources != null) {
                    FacialArea s = sources.get(i);
                    o.put("source_x", s.x());
                    o.put("source_y", s.y());
                    o.put("source_w", s.w());
                    o.put("source_h", s.h());
                }
                o.put("distance", m.distance());
                o.put("threshold", m.threshold());
                o.put("confidence", round2(m.confidence()));
            }
        }
        return out;
    }

    // ---- shared ----

    /** DeepFace's facial area: {@code {x, y, w, h, left_eye, right_eye}}, eyes {@code [x, y]} or null. */
    public static ObjectNode facialArea(FacialArea a) {
        ObjectNode o = NODES.objectNode();
        o.put("x", a.x());
        o.put("y", a.y());
        o.put("w", a.w());
        o.put("h", a.h());
        o.set("left_eye", eyePoint(a.leftEye()));
        o.set("right_eye", eyePoint(a.rightEye()));
        return o;
    }

    private static com.fasterxml.jackson.databind.JsonNode eyePoint(Point p) {
        if (p == null) {
            return NODES.nullNode();
        }
        return NODES.arrayNode().add((int) Math.round(p.x())).add((int) Math.round(p.y()));
    }

    /** An error as JSON: {@code {"error": message}}, as DeepFace's REST API reports failures. */
    public static ObjectNode error(String message) {
        ObjectNode o = NODES.objectNode();
        o.put("error", message);
        return o;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
