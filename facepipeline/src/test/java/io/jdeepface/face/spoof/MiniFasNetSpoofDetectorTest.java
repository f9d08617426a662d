package io.jdeepface.face.spoof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jdeepface.face.attributes.Faces;
import io.jdeepface.face.detect.FaceBox;
import io.jdeepface.face.image.Image;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MiniFasNetSpoofDetectorTest {
    @Test
    void cropIsTheBoxScaled27TimesAroundItsCentre() {
        FaceBox box = new FaceBox(400, 400, 100, 100, 1, null);
        // 270x270 around (450, 450)
        assertArrayEquals(new int[] {315, 315, 270, 270}, MiniFasNetSpoofDetector.cropRect(1000, 1000, box));
    }

    @Test
    void cropIsShiftedBackInsideTheImageAndShrunkWhenTheImageIsSmall() {
        FaceBox corner = new FaceBox(0, 0, 100, 100, 1, null);
        assertArrayEquals(new int[] {0, 0, 270, 270}, MiniFasNetSpoofDetector.cropRect(1000, 1000, corner));
        FaceBox big = new FaceBox(50, 50, 100, 100, 1, null);
        // scale limited to (200 - 1) / 100 = 1.99: the crop is nearly the whole image
        assertArrayEquals(new int[] {0, 0, 199, 199}, MiniFasNetSpoofDetector.cropRect(200, 200, big));
    }

    @Test
    void realClassIsClassZeroOfTheSoftmax() {
        Image img = Image.ofRgb(20, 20, new byte[1200], "blank");
        FaceBox box = new FaceBox(5, 5, 10, 10, 1, null);
        SpoofScore real = new MiniFasNetSpoofDetector((n, s, in) -> Map.of("output", new float[] {3, 0, 0})).check(img, box);
        assertTrue(real.isReal());
        assertEquals(Math.exp(3) / (Math.exp(3) + 2), real.score(), 1e-6);
        SpoofScore fake = new MiniFasNetSpoofDetector((n, s, in) -> Map.of("output", new float[] {0, 3, 0})).check(img, box);
        assertTrue(!fake.isReal());
        assertThrows(IllegalStateException.class,
                () -> new MiniFasNetSpoofDetector((n, s, in) -> Map.of("output", new float[2])).check(img, box));
        assertThrows(IllegalArgumentException.class, () -> new MiniFasNetSpoofDetector((n, s, in) -> Map.of(), 1.5));
    }

    /** Every deepface-unit photo is a real (if professional) photo of a live person. */
    @Test
    void realPhotosAreMostlyReal() throws Exception {
        List<Faces.Photo> photos = Faces.deepfaceUnitPhotos();
        assumeTrue(!photos.isEmpty(), "shared dataset deepface-unit absent");
        var d = new MiniFasNetSpoofDetector(Faces.models().runner("minifasnet"));
        int real = 0;
        for (Faces.Photo p : photos) {
            real += d.check(p.image(), p.box()).isReal() ? 1 : 0;
        }
        System.out.printf("MiniFASNet: %d/%d real deepface-unit photos classed real%n", real, photos.size());
        assertTrue(real >= 0.9 * photos.size(), real + "/" + photos.size());
    }

    @Test
    void faceApiDemoFacesAreMostlyReal() throws Exception {
        var d = new MiniFasNetSpoofDetector(Faces.models().runner("minifasnet"));
        int faces = 0;
        int real = 0;
        for (int i = 1; i <= 6; i++) {
            Image img = Faces.demo("sample" + i);
            for (FaceBox b : Faces.ultraFace(img)) {
                faces++;
                real += d.check(img, b).isReal() ? 1 : 0;
            }
        }
        System.out.printf("MiniFASNet: %d/%d face-api demo faces classed real%n", real, faces);
        assertTrue(real >= 0.8 * faces, real + "/" + faces);
    }
}
