package io.jdeepface.face.attributes;

import io.jdeepface.face.TestModels;
import io.jdeepface.face.detect.BlazeFaceDecoder;
import io.jdeepface.face.detect.BlazeFaceDetector;
import io.jdeepface.face.detect.FaceBox;
import io.jdeepface.face.detect.FaceDetector;
import io.jdeepface.face.detect.UltraFaceDetector;
import io.jdeepface.face.image.Image;
import io.jdeepface.face.image.ImageDecoder;
import io.jdeepface.face.models.FaceModels;
import io.jdeepface.testdata.TestPackages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/** Test photos and their faces, found by the engine running the project's detectors. */
public final class Faces {
    private static final ImageDecoder DECODER = new ImageDecoder();

    private Faces() {
    }

    public static FaceModels models() {
        return TestModels.models("faceres", "emotion", "headpose", "eye-state", "minifasnet", "ultraface-rfb-320",
                "blazeface-back");
    }

    public static Image demo(String name) throws IOException {
        return DECODER.decode(TestPackages.FACE_API.file("demo/" + name + ".jpg"));
    }

    /** A deepface-unit photo, or null when the shared dataset is absent. */
    public static Image deepfaceUnit(String file) throws IOException {
        Path dir = TestPackages.sharedDataset("deepface-unit");
        return dir == null ? null : DECODER.decode(dir.resolve(file));
    }

    /** A deepface-unit photo and its largest UltraFace box. */
    public record Photo(String file, Image image, FaceBox box) {}

    private static List<Photo> deepfaceUnitPhotos;

    /**
     * The deepface-unit photos (except the WebP one and the group photo) with their largest face,
     * detected once per JVM; empty when the shared dataset is absent.
     */
    public static synchronized List<Photo> deepfaceUnitPhotos() throws IOException {
        if (deepfaceUnitPhotos == null) {
            Path dir = TestPackages.sharedDataset("deepface-unit");
            List<Photo> photos = new java.util.ArrayList<>();
            if (dir != null) {
                List<String> files;
                try (var s = java.nio.file.Files.list(dir)) {
                    files = s.map(p -> p.getFileName().toString())
                            .filter(n -> n.matches("img\\d+\\.jpg") && !n.equals("img47.jpg")).sorted().toList();
                }
                for (String f : files) {
                    Image img = DECODER.decode(dir.resolve(f));
                    List<FaceBox> boxes = ultraFace(img);
                    if (!boxes.isEmpty()) {
                        photos.add(new Photo(f, img, boxes.get(0)));
                    }
                }
            }
            deepfaceUnitPhotos = List.copyOf(photos);
        }
        return deepfaceUnitPhotos;
    }

    /**
     * Hand-labelled (by looking at the photos; the dataset has no such labels): the deepface-unit
     * photos of women — Angelina Jolie, Jennifer Aniston, Scarlett Johansson, Marissa Mayer and Katy
     * Perry. Every other img*.jpg shows a man.
     */
    public static final java.util.Set<String> DEEPFACE_UNIT_WOMEN = java.util.Set.of(
            "img1.jpg", "img2.jpg", "img3.jpg", "img4.jpg", "img5.jpg", "img6.jpg", "img7.jpg", "img8.jpg",
            "img9.jpg", "img10.jpg", "img11.jpg", "img12.jpg", "img22.jpg", "img23.jpg", "img26.jpg",
            "img27.jpg", "img28.jpg", "img42.jpg", "img43.jpg", "img44.jpg", "img45.jpg", "img46.jpg",
            "img48.jpg", "img49.jpg", "img50.jpg", "img51.jpg", "img53.jpg", "img54.jpg", "img55.jpg",
            "img56.jpg");

    /** UltraFace's boxes (the detector faceplugin's adapters expect), largest first. */
    public static List<FaceBox> ultraFace(Image image) {
        FaceDetector d = new UltraFaceDetector(models().runner("ultraface-rfb-320"));
        return d.detect(image).stream().sorted(Comparator.comparingDouble(FaceBox::area).reversed()).toList();
    }

    /** BlazeFace (full range) boxes with eye keypoints, largest first. */
    public static List<FaceBox> blazeFace(Image image) {
        FaceDetector d = new BlazeFaceDetector(BlazeFaceDecoder.BACK, models().runner("blazeface-back"));
        return d.detect(image).stream().sorted(Comparator.comparingDouble(FaceBox::area).reversed()).toList();
    }

    /**
     * A 68-landmark array in which only the twelve eye points (36–47) are meaningful, built from
     * BlazeFace's two eye centres: each eye is given a corner-to-corner width of 0.45 times the
     * distance between the eyes (a typical human proportion) and lids a sixth of that above and
     * below the centre. Enough to place fr_eye's crops without a 68-point landmark model.
     */
    public static float[] eyeLandmarks(FaceBox box) {
        var k = box.keypoints();
        double ax = k.rightEye().x();
        double ay = k.rightEye().y();
        double bx = k.leftEye().x();
        double by = k.leftEye().y();
        if (ax > bx) { // image-left eye first
            double t = ax; ax = bx; bx = t;
            t = ay; ay = by; by = t;
        }
        double width = 0.45 * Math.hypot(bx - ax, by - ay);
        float[] xy = new float[136];
        putEye(xy, 36, ax, ay, width);
        putEye(xy, 42, bx, by, width);
        return xy;
    }

    private static void putEye(float[] xy, int first, double cx, double cy, double w) {
        double[][] pts = {
            {cx - w / 2, cy}, {cx - w / 6, cy - w / 6}, {cx + w / 6, cy - w / 6},
            {cx + w / 2, cy}, {cx + w / 6, cy + w / 6}, {cx - w / 6, cy + w / 6}};
        for (int i = 0; i < 6; i++) {
            xy[2 * (first + i)] = (float) pts[i][0];
            xy[2 * (first + i) + 1] = (float) pts[i][1];
        }
    }
}
