package io.jdeepface.face.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.face.image.Image;
import io.jdeepface.face.image.ImageDecoder;
import io.jdeepface.testdata.TestPackages;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The three model detectors end to end, ONNX Runtime running the networks, on real photos. */
class DetectorsOnPhotosTest {
    /**
     * Face centres in the face-api demo photos (all 1920 wide), read off the photos: three women
     * in sample1-3, four in sample4 and sample6, five in sample5.
     */
    private static final Map<String, double[][]> FACES = Map.of(
            "sample1", new double[][] {{508, 474}, {931, 538}, {1582, 330}},
            "sample2", new double[][] {{446, 261}, {975, 352}, {1543, 280}},
            "sample3", new double[][] {{690, 462}, {1188, 356}, {1596, 434}},
            "sample4", new double[][] {{345, 317}, {756, 191}, {1077, 303}, {1343, 273}},
            "sample5", new double[][] {{466, 1022}, {686, 545}, {873, 216}, {1197, 319}, {1501, 520}},
            "sample6", new double[][] {{363, 620}, {760, 474}, {1269, 440}, {1589, 414}});

    private static final ImageDecoder DECODER = new ImageDecoder();
    private static OrtRunner ultraFaceModel;
    private static OrtRunner backModel;
    private static OrtRunner frontModel;
    private static FaceDetector ultraFace;
    private static FaceDetector blazeBack;
    private static FaceDetector blazeFront;

    @BeforeAll
    static void loadModels() {
        ultraFaceModel = OrtRunner.ultraFace();
        backModel = OrtRunner.blazeFaceBack();
        frontModel = OrtRunner.blazeFaceFront();
        ultraFace = new UltraFaceDetector(ultraFaceModel);
        blazeBack = new BlazeFaceDetector(BlazeFaceDecoder.BACK, backModel);
        blazeFront = new BlazeFaceDetector(BlazeFaceDecoder.FRONT, frontModel);
    }

    @AfterAll
    static void closeModels() throws Exception {
        ultraFaceModel.close();
        backModel.close();
        frontModel.close();
    }

    private static Image demo(String name) throws Exception {
        return DECODER.decode(TestPackages.FACE_API.file("demo/" + name + ".jpg"));
    }

    /** How many of {@code faces} each box covers, asserting no box is empty or off the faces, and boxes are inside. */
    private static int matched(String photo, Image image, List<FaceBox> boxes, double[][] faces) {
        assertInside(image, boxes);
        int found = 0;
        for (double[] face : faces) {
            long covering = boxes.stream().filter(b -> contains(b, face)).count();
            assertTrue(covering <= 1, photo + ": face at " + face[0] + "," + face[1] + " found twice: " + boxes);
            found += (int) covering;
        }
        for (FaceBox box : boxes) {
            long covered = java.util.Arrays.stream(faces).filter(f -> contains(box, f)).count();
            assertEquals(1, covered, photo + ": box " + box + " is not on exactly one face");
        }
        return found;
    }

    private static boolean contains(FaceBox box, double[] point) {
        return point[0] >= box.x() && point[0] <= box.right() && point[1] >= box.y() && point[1] <= box.bottom();
    }

    static void assertInside(Image image, List<FaceBox> boxes) {
        for (FaceBox b : boxes) {
            assertTrue(b.x() >= 0 && b.y() >= 0 && b.right() <= image.width() && b.bottom() <= image.height()
                    && b.width() > 0 && b.height() > 0, b + " outside " + image);
        }
        for (int i = 1; i < boxes.size(); i++) {
            assertTrue(Nms.ORDER.compare(boxes.get(i - 1), boxes.get(i)) <= 0, "not in score order: " + boxes);
        }
    }

    @Test
    void ultraFaceAndBlazeFaceBackFindEveryFaceOfTheDemoPhotos() throws Exception {
        for (var e : FACES.entrySet()) {
            Image image = demo(e.getKey());
            double[][] faces = e.getValue();
            assertEquals(faces.length, matched(e.getKey(), image, ultraFace.detect(image), faces), e.getKey() + " ultraface");
            assertEquals(faces.length, matched(e.getKey(), image, blazeBack.detect(image), faces), e.getKey() + " back");
        }
    }

    /** The front model is for selfies: faces of a sixth of a group photo's width are at its limit. */
    @Test
    void blazeFaceFrontFindsSomeDemoFacesAndNothingElse() throws Exception {
        int total = 0;
        for (var e : FACES.entrySet()) {
            Image image = demo(e.getKey());
            int found = matched(e.getKey(), image, blazeFront.detect(image), e.getValue());
            assertTrue(found >= 1, e.getKey() + ": front found no face");
            total += found;
        }
        assertTrue(total >= 15, "front found " + total + " of 22 faces (16 measured with ONNX Runtime)");
    }

    @Test
    void blankImagesHaveNoFace() {
        for (int gray : new int[] {0, 128, 255}) {
            Image blank = FittedImageTest.solid(640, 480, gray);
            assertEquals(List.of(), ultraFace.detect(blank), "ultraface on gray " + gray);
            assertEquals(List.of(), blazeBack.detect(blank), "back on gray " + gray);
            assertEquals(List.of(), blazeFront.detect(blank), "front on gray " + gray);
        }
    }

    /** Letterboxing (the default) against stretching (the references) on a 1920×380 strip through four faces. */
    @Test
    void letterboxingFindsFacesThatStretchingLosesInAWideStrip() throws Exception {
        Image strip = demo("sample6").crop(0, 280, 1920, 380);
        List<FaceBox> letterboxed = ultraFace.detect(strip);
        assertInside(strip, letterboxed);
        assertEquals(4, letterboxed.size(), letterboxed.toString());
        int stretched = new UltraFaceDetector(ultraFaceModel, InputFit.STRETCH).detect(strip).size();
        assertTrue(stretched < 4, "stretched found " + stretched);
        int backStretched = new BlazeFaceDetector(BlazeFaceDecoder.BACK, backModel, BlazeFaceDecoder.SCORE_THRESHOLD,
                InputFit.STRETCH).detect(strip).size();
        assertTrue(blazeBack.detect(strip).size() > backStretched, "back stretched found " + backStretched);
    }

    @Test
    void wholeImageDetectorReturnsTheImage() throws Exception {
        Image image = demo("sample1");
        assertEquals(List.of(new FaceBox(0, 0, 1920, 1280, 0, null)), new WholeImageDetector().detect(image));
    }

    private static Path deepfaceUnit() {
        Path dataset = TestPackages.sharedDataset("deepface-unit");
        Assumptions.assumeTrue(dataset != null, "../shared/datasets/deepface-unit is absent");
        return dataset;
    }

    @Test
    void deepfaceUnitPhotos() throws Exception {
        Path dataset = deepfaceUnit();
        Image couple = DECODER.decode(dataset.resolve("couple.jpg"));
        Image single = DECODER.decode(dataset.resolve("img1.jpg"));
        // Seven people; two are cut by the frame edge.
        Image selfie = DECODER.decode(dataset.resolve("selfie-many-people.jpg"));
        for (FaceDetector detector : List.of(ultraFace, blazeBack, blazeFront)) {
            String name = detector == ultraFace ? "ultraface" : detector == blazeBack ? "back" : "front";
            List<FaceBox> two = detector.detect(couple);
            assertInside(couple, two);
            assertEquals(2, two.size(), name + " on couple.jpg: " + two);
            assertTrue(two.get(0).iou(two.get(1)) == 0, "the couple's faces are apart");
            List<FaceBox> one = detector.detect(single);
            assertInside(single, one);
            assertEquals(1, one.size(), name + " on img1.jpg: " + one);
            List<FaceBox> many = detector.detect(selfie);
            assertInside(selfie, many);
            assertTrue(many.size() >= (detector == blazeFront ? 3 : 4) && many.size() <= 7,
                    name + " on selfie-many-people.jpg: " + many.size() + " faces");
        }
    }

    /** The keypoint convention, on a frontal portrait: the person's right eye is on the image's left. */
    @Test
    void blazeFaceKeypointsFollowThePersonsLeftAndRight() throws Exception {
        Path dataset = deepfaceUnit();
        Image portrait = DECODER.decode(dataset.resolve("img1.jpg"));
        for (FaceDetector detector : List.of(blazeBack, blazeFront)) {
            FaceBox face = detector.detect(portrait).getFirst();
            FaceKeypoints k = face.keypoints();
            assertTrue(k.rightEye().x() < k.nose().x() && k.nose().x() < k.leftEye().x(), k.toString());
            assertTrue(k.rightEar().x() < k.rightEye().x() && k.leftEye().x() < k.leftEar().x(), k.toString());
            double eyes = (k.rightEye().y() + k.leftEye().y()) / 2;
            assertTrue(eyes < k.nose().y() && k.nose().y() < k.mouth().y(), k.toString());
            // Eyes about a third of the way down a face box.
            assertTrue(eyes > face.y() && eyes < face.centerY(), face + " " + k);
        }
    }
}
