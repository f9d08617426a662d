package io.jdeepface.face.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.face.image.Image;
import java.util.List;
import org.junit.jupiter.api.Test;

/** UltraFace's pure pre/post-processing on synthetic tensors; the model itself is in UltraFaceReferenceTest. */
class UltraFaceDecoderTest {
    private final float[] scores = new float[UltraFaceDecoder.PRIORS * 2];
    private final float[] boxes = new float[UltraFaceDecoder.PRIORS * 4];

    private void prior(int i, float face, float x1, float y1, float x2, float y2) {
        scores[2 * i] = 1 - face;
        scores[2 * i + 1] = face;
        boxes[4 * i] = x1;
        boxes[4 * i + 1] = y1;
        boxes[4 * i + 2] = x2;
        boxes[4 * i + 3] = y2;
    }

    private static FittedImage stretched(int width, int height) {
        return FittedImage.stretch(FittedImageTest.solid(width, height, 0), 320, 240);
    }

    @Test
    void inputIsNchwRgbMinus127Over128() {
        byte[] rgb = new byte[320 * 240 * 3];
        rgb[0] = (byte) 255; // red of pixel (0, 0)
        rgb[(240 * 320 - 1) * 3 + 2] = (byte) 127; // blue of the last pixel
        float[] input = UltraFaceDecoder.toInput(Image.ofRgb(320, 240, rgb, "t"));
        int plane = 320 * 240;
        assertEquals(3 * plane, input.length);
        assertEquals(1f, input[0]); // (255 - 127) / 128
        assertEquals(-127 / 128f, input[plane]); // green of pixel (0, 0)
        assertEquals(0f, input[3 * plane - 1]);
        assertThrows(IllegalArgumentException.class, () -> UltraFaceDecoder.toInput(FittedImageTest.solid(32, 24, 0)));
    }

    @Test
    void decodedCornersAreScaledToThePhoto() {
        prior(100, 0.9f, 0.25f, 0.5f, 0.5f, 1.0f);
        List<FaceBox> faces = UltraFaceDecoder.decode(scores, boxes, stretched(640, 480));
        assertEquals(List.of(new FaceBox(160, 240, 160, 240, 0.9f, null)), faces);
    }

    @Test
    void belowThresholdOrNanIsNoFace() {
        prior(1, 0.651f, 0.1f, 0.1f, 0.2f, 0.2f);
        prior(2, 0.649f, 0.5f, 0.5f, 0.6f, 0.6f);
        prior(3, Float.NaN, 0.7f, 0.7f, 0.8f, 0.8f);
        prior(4, 0.9f, Float.NaN, 0.7f, 0.8f, 0.8f);
        List<FaceBox> faces = UltraFaceDecoder.decode(scores, boxes, stretched(320, 240));
        assertEquals(1, faces.size());
        assertEquals(32, faces.getFirst().x(), 1e-4);
    }

    @Test
    void duplicatesAreSuppressedAndBorderBoxesClipped() {
        prior(10, 0.95f, -0.1f, 0.1f, 0.3f, 0.5f);
        prior(11, 0.90f, -0.08f, 0.1f, 0.31f, 0.52f);
        prior(12, 0.80f, 0.8f, 0.8f, 1.2f, 1.1f);
        List<FaceBox> faces = UltraFaceDecoder.decode(scores, boxes, stretched(1000, 500));
        assertEquals(2, faces.size());
        for (FaceBox f : faces) {
            assertTrue(f.x() >= 0 && f.y() >= 0 && f.right() <= 1000 && f.bottom() <= 500, f.toString());
        }
        assertEquals(0, faces.get(0).x());
        assertEquals(1000, faces.get(1).right(), 1e-9);
    }

    @Test
    void wrongOutputSizesNameTheOutput() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> UltraFaceDecoder.decode(new float[10], boxes, stretched(320, 240)));
        assertTrue(e.getMessage().contains("'scores' has 10 values, expected 8840"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> UltraFaceDecoder.decode(scores, null, stretched(320, 240)));
        assertTrue(e.getMessage().contains("no output 'boxes'"), e.getMessage());
    }
}
