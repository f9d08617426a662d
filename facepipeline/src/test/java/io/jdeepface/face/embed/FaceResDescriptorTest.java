package io.jdeepface.face.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.face.TestModels;
import io.jdeepface.face.detect.FaceBox;
import io.jdeepface.face.detect.UltraFaceDetector;
import io.jdeepface.face.image.Image;
import io.jdeepface.face.image.ImageDecoder;
import io.jdeepface.face.models.FaceModels;
import io.jdeepface.face.verify.DistanceMetric;
import io.jdeepface.face.verify.Embedding;
import io.jdeepface.testdata.TestPackages;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FaceResDescriptorTest {
    private static FaceRecognizer recognizer;
    private static UltraFaceDetector detector;

    @BeforeAll
    static void load() {
        FaceModels models = TestModels.models("ultraface-rfb-320", "faceres");
        recognizer = FaceRecognizer.of(models, FaceResDescriptor.MODEL);
        detector = new UltraFaceDetector(models.runner("ultraface-rfb-320"));
    }

    /** Each face of a demo photo as faceres reads it, in detector order. */
    private static List<Image> facesOf(String name) throws Exception {
        Image image = new ImageDecoder().decode(TestPackages.FACE_API.file("demo/" + name + ".jpg"));
        return detector.detect(image).stream().map(b -> recognizer.input(image, b, null)).toList();
    }

    /** The woman on the right of sample1 (face 2) is the one on the left of sample3 (face 0). */
    @Test
    void samePersonIsCloserThanOthers() throws Exception {
        List<Embedding> one = recognizer.embed(facesOf("sample1"), false);
        List<Embedding> three = recognizer.embed(facesOf("sample3"), false);
        double same = one.get(2).distanceTo(three.get(0), DistanceMetric.COSINE);
        for (Embedding other : List.of(one.get(0), one.get(1), three.get(1), three.get(2))) {
            assertTrue(same < other.distanceTo(three.get(0), DistanceMetric.COSINE)
                    && same < other.distanceTo(one.get(2), DistanceMetric.COSINE), "same " + same);
        }
    }

    @Test
    void descriptorIs1024UnitLengthAndBatchEqualsSingle() throws Exception {
        List<Image> faces = facesOf("sample1");
        List<Embedding> batch = recognizer.embed(faces, false);
        assertEquals(FaceResDescriptor.DIMENSION, batch.get(0).dimension());
        assertEquals(FaceResDescriptor.MODEL, batch.get(0).model());
        for (int i = 0; i < faces.size(); i++) {
            Embedding single = recognizer.embed(List.of(faces.get(i)), false).get(0);
            assertArrayEquals(single.values(), batch.get(i).values(), 1e-5f);
        }
    }

    @Test
    void inputIsTheSquareBoxCropAt224() throws Exception {
        Image image = new ImageDecoder().decode(TestPackages.FACE_API.file("demo/sample2.jpg"));
        FaceBox atTheEdge = new FaceBox(image.width() - 40, 10, 60, 80, 1, null);
        Image input = recognizer.input(image, atTheEdge, null);
        assertEquals(FaceResDescriptor.SIZE, input.width());
        assertEquals(FaceResDescriptor.SIZE, input.height());
    }
}
