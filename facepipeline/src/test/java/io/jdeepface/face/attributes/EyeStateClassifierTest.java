package io.jdeepface.face.attributes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jdeepface.face.detect.FaceBox;
import io.jdeepface.face.image.Image;
import java.util.List;
import org.junit.jupiter.api.Test;

class EyeStateClassifierTest {
    @Test
    void eyeBoxIsCentredOnTheLidsAndSixteenTenthsOfTheEyeWidth() {
        float[] xy = new float[136];
        // image-left eye: corners 100 and 130 (width 30), lids around (115, 200)
        float[][] eye = {{100, 200}, {110, 195}, {120, 195}, {130, 200}, {120, 205}, {110, 205}};
        for (int i = 0; i < 6; i++) {
            xy[2 * (36 + i)] = eye[i][0];
            xy[2 * (36 + i) + 1] = eye[i][1];
        }
        assertArrayEquals(new int[] {91, 176, 48, 48}, EyeStateClassifier.eyeBox(xy, 36, 1000, 1000));
        // near the bottom-right edge the side shrinks to fit, as getEyeBBox does
        assertArrayEquals(new int[] {91, 176, 23, 23}, EyeStateClassifier.eyeBox(xy, 36, 1000, 200));
    }

    @Test
    void landmarksOutsideTheImageGiveAClearError() {
        Image img = Image.ofRgb(10, 10, new byte[300], "blank");
        var c = new EyeStateClassifier((n, s, in) -> java.util.Map.of("output", new float[2]));
        float[] far = new float[136];
        java.util.Arrays.fill(far, 5000);
        assertThrows(IllegalArgumentException.class, () -> c.classify(img, far));
        assertThrows(IllegalArgumentException.class, () -> c.classify(img, new float[10]));
    }

    /** Eye crops placed from BlazeFace's eye centres (Faces.eyeLandmarks), frontal open-eyed photos. */
    @Test
    void openEyesOfFrontalPhotosAreOpen() throws Exception {
        List<Faces.Photo> photos = Faces.deepfaceUnitPhotos();
        assumeTrue(!photos.isEmpty(), "shared dataset deepface-unit absent");
        var c = new EyeStateClassifier(Faces.models().runner("eye-state"));
        for (String f : new String[] {"img1.jpg", "img4.jpg", "img17.jpg"}) {
            Image img = Faces.deepfaceUnit(f);
            FaceBox b = Faces.blazeFace(img).get(0);
            EyeState s = c.classify(img, Faces.eyeLandmarks(b));
            assertTrue(s.bothOpen(), f + ": " + s);
        }
        int both = 0;
        for (Faces.Photo p : photos) {
            List<FaceBox> faces = Faces.blazeFace(p.image());
            if (!faces.isEmpty() && c.classify(p.image(), Faces.eyeLandmarks(faces.get(0))).bothOpen()) {
                both++;
            }
        }
        System.out.printf("eye state: %d/%d deepface-unit photos (all open-eyed) classed both open%n", both,
                photos.size());
        assertTrue(both >= 0.8 * photos.size(), both + "/" + photos.size());
    }
}
