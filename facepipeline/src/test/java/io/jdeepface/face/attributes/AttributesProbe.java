package io.jdeepface.face.attributes;

import io.jdeepface.face.detect.FaceBox;
import io.jdeepface.face.image.Image;
import io.jdeepface.face.spoof.MiniFasNetSpoofDetector;
import io.jdeepface.testdata.TestPackages;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prints every adapter's output on every test photo (run by hand: -Dtest=AttributesProbe). */
class AttributesProbe {
    @Test
    void print() throws Exception {
        var m = Faces.models();
        var fr = new FaceResAnalyzer(m.runner("faceres"));
        var ex = new ExpressionAnalyzer(m.runner("emotion"));
        var hp = new HeadPoseEstimator(m.runner("headpose"));
        var eye = new EyeStateClassifier(m.runner("eye-state"));
        var sp = new MiniFasNetSpoofDetector(m.runner("minifasnet"));
        var dir = TestPackages.sharedDataset("deepface-unit");
        List<String> files = new java.util.ArrayList<>();
        for (int i = 1; i <= 6; i++) files.add("demo:sample" + i);
        if (dir != null) try (var s = Files.list(dir)) { s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jpg")).sorted().forEach(files::add); }
        for (String f : files) {
            try {
                Image img = f.startsWith("demo:") ? Faces.demo(f.substring(5)) : Faces.deepfaceUnit(f);
                List<FaceBox> boxes = Faces.ultraFace(img);
                int n = f.startsWith("demo:") ? boxes.size() : Math.min(1, boxes.size());
                for (int i = 0; i < n; i++) {
                    FaceBox b = boxes.get(i);
                    var ag = fr.analyze(img, b);
                    var agSq = fr.analyze(img, b.squareOnHeight(img.width(), img.height()));
                    var e = ex.analyze(img, b);
                    var p = hp.estimate(img, b);
                    Image flipped = img.flipHorizontal();
                    FaceBox fb = FaceBox.ofCorners(img.width() - b.right(), b.y(), img.width() - b.x(), b.bottom(), b.score(), null);
                    var pf = hp.estimate(flipped, fb);
                    var s = sp.check(img, b);
                    byte[] rgb = img.toRgbBytes();
                    for (int k = 0; k < rgb.length; k += 3) { byte t = rgb[k]; rgb[k] = rgb[k + 2]; rgb[k + 2] = t; }
                    var sBgr = sp.check(Image.ofRgb(img.width(), img.height(), rgb, "bgr"), b);
                    System.out.printf("PROBE %s #%d box=%.0f,%.0f,%.0fx%.0f age=%.1f man=%.1f | sq age=%.1f man=%.1f | %s %s | yaw=%.1f pitch=%.1f roll=%.1f flipped yaw=%.1f roll=%.1f | spoof rgb=%.3f bgr=%.3f%n",
                            f, i, b.x(), b.y(), b.width(), b.height(), ag.age().years(), ag.gender().man(), agSq.age().years(), agSq.gender().man(),
                            e.dominant(), e, p.yaw(), p.pitch(), p.roll(), pf.yaw(), pf.roll(), s.score(), sBgr.score());
                }
                List<FaceBox> bf = Faces.blazeFace(img);
                for (int i = 0; i < (f.startsWith("demo:") ? bf.size() : Math.min(1, bf.size())); i++) {
                    var st = eye.classify(img, Faces.eyeLandmarks(bf.get(i)));
                    System.out.printf("PROBE-EYE %s #%d at %.0f,%.0f left=%.3f right=%.3f%n", f, i, bf.get(i).x(), bf.get(i).y(), st.leftOpenProbability(), st.rightOpenProbability());
                }
            } catch (Exception ex2) {
                System.out.println("PROBE " + f + " FAILED " + ex2);
            }
        }
    }
}
