package io.jdeepface.app.cli;

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
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The face commands' default output: short aligned lines for people (--json is for programs). */
final class HumanOutput {
    private HumanOutput() {}

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** {@code 120x150 at (34, 50)}. */
    static String area(FacialArea a) {
        return a.toString();
    }

    static void verify(PrintWriter out, VerifyResult r) {
        out.println(f("verified: %s  distance %.4f (threshold %.4f, %s)  confidence %.1f", r.verified() ? "yes" : "no",
                r.distance(), r.threshold(), r.metric().deepFaceName(), r.confidence()));
        out.println(f("  img1 face %s   img2 face %s", area(r.img1Area()), area(r.img2Area())));
        out.println(f("  model %s, detector %s, %.2f s", r.model(), r.detector(), r.seconds()));
    }

    static void represent(PrintWriter out, String image, List<Representation> faces) {
        out.println(f("%s: %s", image, count(faces.size(), "face")));
        for (int i = 0; i < faces.size(); i++) {
            Representation r = faces.get(i);
            float[] e = r.embedding();
            StringBuilder head = new StringBuilder();
            for (int j = 0; j < Math.min(4, e.length); j++) {
                head.append(f("%.4f, ", e[j]));
            }
            out.println(f("  face %d  %-23s confidence %.2f  embedding [%s... %d values]", i, area(r.facialArea()),
                    r.faceConfidence(), head, e.length));
        }
    }

    static void analyze(PrintWriter out, String image, List<FaceAnalysis> faces) {
        out.println(f("%s: %s", image, count(faces.size(), "face")));
        for (int i = 0; i < faces.size(); i++) {
            FaceAnalysis a = faces.get(i);
            out.println(f("  face %d  %s  confidence %.2f", i, area(a.region()), a.faceConfidence()));
            if (a.age() != null) {
                out.println(f("    age        %d", Math.round(a.age().years())));
            }
            if (a.gender() != null) {
                GenderEstimate g = a.gender();
                out.println(f("    gender     %s %.1f%%", g.dominant().label(),
                        Math.max(g.woman(), g.man())));
            }
            if (a.emotion() != null) {
                out.println("    emotion    " + emotions(a.emotion()));
            }
            if (a.pose() != null) {
                HeadPose p = a.pose();
                out.println(f("    pose       yaw %.1f  pitch %.1f  roll %.1f (degrees)", p.yaw(), p.pitch(), p.roll()));
            }
            if (a.eyes() != null) {
                EyeState s = a.eyes();
                // The person's left eye is the image-right one, as in the JSON and DeepFace's facial areas.
                out.println(f("    eyes       left %s (%.2f)  right %s (%.2f)", s.rightOpen() ? "open" : "closed",
                        s.rightOpenProbability(), s.leftOpen() ? "open" : "closed", s.leftOpenProbability()));
            }
            if (a.landmarks() != null) {
                out.println("    landmarks  68 points (see --json)");
            }
        }
    }

    /** {@code happy 88.1%  (neutral 9.0%, surprise 1.2%)}: the dominant one, then the next two. */
    private static String emotions(EmotionEstimate e) {
        Emotion[] order = Arrays.stream(Emotion.values())
                .sorted(Comparator.comparingDouble(e::percentage).reversed()).toArray(Emotion[]::new);
        return f("%s %.1f%%  (%s %.1f%%, %s %.1f%%)", order[0].label(), e.percentage(order[0]), order[1].label(),
                e.percentage(order[1]), order[2].label(), e.percentage(order[2]));
    }

    static void extract(PrintWriter out, String image, List<FaceCrop> faces, List<String> files) {
        out.println(f("%s: %s", image, count(faces.size(), "face")));
        for (int i = 0; i < faces.size(); i++) {
            FaceCrop c = faces.get(i);
            String spoof = c.spoof().map(s -> f("  %s (real score %.3f)", s.isReal() ? "real" : "SPOOF", s.score()))
                    .orElse("");
            out.println(f("  face %d  %-23s confidence %.2f%s  -> %s", i, area(c.facialArea()), c.confidence(), spoof,
                    files.get(i)));
        }
    }

    static void find(PrintWriter out, List<FacialArea> queries, List<List<Match>> matches, double threshold) {
        for (int i = 0; i < matches.size(); i++) {
            List<Match> m = matches.get(i);
            out.println(f("query face %d  %s: %s", i, area(queries.get(i)),
                    m.isEmpty() ? f("no match within threshold %.4f", threshold) : count(m.size(), "match")));
            for (Match x : m) {
                out.println(f("  %.4f  confidence %5.1f  %s  (face %s)", x.distance(), x.confidence(), x.identity(),
                        area(x.targetArea())));
            }
        }
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : noun.endsWith("ch") ? "es" : "s");
    }
}
