package io.jdeepface.face.landmark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.face.TestModels;
import io.jdeepface.face.align.FivePoints;
import io.jdeepface.face.align.Landmarks68;
import io.jdeepface.face.detect.FaceBox;
import io.jdeepface.face.detect.UltraFaceDetector;
import io.jdeepface.face.image.Image;
import io.jdeepface.face.image.ImageDecoder;
import io.jdeepface.face.models.FaceModels;
import io.jdeepface.testdata.TestPackages;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The landmark model end to end (engine-run) on the face-api demo photos, with UltraFace boxes. */
class Landmark68DetectorTest {
    private static Landmark68Detector landmarks;
    private static UltraFaceDetector detector;

    @BeforeAll
    static void load() {
        FaceModels models = TestModels.models("landmark68", "ultraface-rfb-320");
        landmarks = new Landmark68Detector(models.runner("landmark68"));
        detector = new UltraFaceDetector(models.runner("ultraface-rfb-320"));
    }

    private static Image demo(String name) throws Exception {
        return new ImageDecoder().decode(TestPackages.FACE_API.file("demo/" + name + ".jpg"));
    }

    @Test
    void landmarksSitWhereFacialFeaturesAre() throws Exception {
        int faces = 0;
        for (String name : List.of("sample1", "sample2", "sample3")) {
            Image image = demo(name);
            List<FaceBox> boxes = detector.detect(image);
            assertFalse(boxes.isEmpty(), name);
            for (FaceBox detected : boxes) {
                FaceBox box = detected.squareOnHeight(image.width(), image.height());
                FivePoints p = landmarks.detect(image, box).toFivePoints();
                String where = name + " " + box;
                for (var eye : List.of(p.leftEye(), p.rightEye())) {
                    assertTrue(eye.x() > box.x() && eye.x() < box.right(), where + " eye x " + eye);
                    // Upper half, with some slack: in sample1's strongly tilted face the lower eye is at ~55%.
                    assertTrue(eye.y() > box.y() && eye.y() < box.y() + 0.6 * box.height(), where + " eye high " + eye);
                }
                assertTrue(p.leftEye().x() < p.rightEye().x(), where + " image-left eye first");
                double eyeDistance = Math.hypot(p.rightEye().x() - p.leftEye().x(), p.rightEye().y() - p.leftEye().y());
                // Lower bound allows half-profile faces (sample2 has one with the eyes 0.15 box widths apart).
                assertTrue(eyeDistance > 0.1 * box.width() && eyeDistance < 0.6 * box.width(),
                        where + " eye distance " + eyeDistance);
                double eyesY = (p.leftEye().y() + p.rightEye().y()) / 2;
                double mouthY = (p.leftMouth().y() + p.rightMouth().y()) / 2;
                assertTrue(eyesY < p.nose().y() && p.nose().y() < mouthY, where + " nose between eyes and mouth");
                assertTrue(p.leftMouth().x() < p.rightMouth().x(), where + " mouth corners");
                faces++;
            }
        }
        assertTrue(faces >= 9, "faces checked: " + faces);
    }

    /** The JS post-processing of predictLandmarkImage, re-done naively on the same raw outputs (without parseInt). */
    @Test
    void mappingMatchesTheJavaScript() throws Exception {
        Image image = demo("sample1");
        for (FaceBox detected : detector.detect(image)) {
            FaceBox box = detected.squareOnHeight(image.width(), image.height());
            LandmarkCrop crop = LandmarkCrop.of(box, image.width(), image.height());
            float[] raw = landmarks.run(Landmark68Detector.input(image, crop));
            int x1 = (int) box.x();
            int y1 = (int) box.y();
            int width = Math.abs((int) box.right() - x1);
            int height = Math.abs((int) box.bottom() - y1);
            float[] expected = new float[136];
            for (int i = 0; i < 136; i++) {
                expected[i] = i % 2 == 0 ? raw[i] * width + x1 : raw[i] * height + y1;
            }
            Landmarks68 actual = landmarks.detect(image, box);
            assertArrayEquals(expected, actual.xy(), 0f);
        }
    }

    @Test
    void cropFollowsAlignLandmarkImage() {
        // Inside the photo: the crop is the integer box.
        LandmarkCrop inside = LandmarkCrop.of(new FaceBox(10.7, 20.2, 100.5, 100.9, 1, null), 640, 480);
        assertEquals(new LandmarkCrop(10, 20, 101, 101, 10, 20, 101, 101), inside);
        // Larger than the photo: shrunk to (H - 1) / h and centred, while the mapping keeps the box.
        LandmarkCrop big = LandmarkCrop.of(new FaceBox(0, 0, 300, 300, 1, null), 400, 201);
        assertEquals(300, big.boxWidth());
        assertEquals(200, big.cropHeight());
        assertEquals(200, big.cropWidth());
        assertEquals(50, big.cropX());
    }
}
