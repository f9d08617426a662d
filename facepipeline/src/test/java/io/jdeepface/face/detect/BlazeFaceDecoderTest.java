package io.jdeepface.face.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.face.image.Image;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BlazeFace's pure pre/post-processing on synthetic tensors; the models themselves are in DetectorsOnPhotosTest. */
class BlazeFaceDecoderTest {
    private final float[] fineScores = filled(512, -10f);
    private final float[] coarseScores = filled(384, -10f);
    private final float[] fineBoxes = new float[512 * 16];
    private final float[] coarseBoxes = new float[384 * 16];

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    private List<FaceBox> decode(BlazeFaceDecoder model, int photoWidth, int photoHeight) {
        FittedImage fit = FittedImage.letterbox(FittedImageTest.solid(photoWidth, photoHeight, 0), model.inputSize(),
                model.inputSize());
        return model.decode(fineScores, coarseScores, fineBoxes, coarseBoxes, fit, BlazeFaceDecoder.SCORE_THRESHOLD);
    }

    @Test
    void inputIsNhwcRgbInMinusOneToOne() {
        byte[] rgb = new byte[128 * 128 * 3];
        rgb[0] = (byte) 255;
        rgb[1] = 0;
        float[] input = BlazeFaceDecoder.FRONT.toInput(Image.ofRgb(128, 128, rgb, "t"));
        assertEquals(128 * 128 * 3, input.length);
        assertEquals(1f, input[0]);
        assertEquals(-1f, input[1]);
        assertEquals(-1f, input[2]);
        assertArrayEquals(new long[] {1, 256, 256, 3}, BlazeFaceDecoder.BACK.inputShape());
        assertThrows(IllegalArgumentException.class, () -> BlazeFaceDecoder.BACK.toInput(Image.ofRgb(128, 128, rgb, "t")));
    }

    @Test
    void regressorsAreInputPixelsAroundTheAnchor() {
        // Coarse anchor 0 has its centre at (1/16, 1/16) = (16, 16) in the 256 input of the back model.
        coarseScores[0] = 2f; // sigmoid(2) = 0.881
        float[] r = {4, -2, 40, 60, 0, 0, 20, 0, 10, 10, 10, 20, -20, 0, 40, 0};
        System.arraycopy(r, 0, coarseBoxes, 0, 16);
        List<FaceBox> faces = decode(BlazeFaceDecoder.BACK, 512, 512); // photo = 2x the input
        assertEquals(1, faces.size());
        FaceBox face = faces.getFirst();
        assertEquals(1 / (1 + Math.exp(-2)), face.score(), 1e-12);
        // Centre (16 + 4, 16 - 2) = (20, 14), size 40x60; corners (0, -16)..(40, 44), clipped, in 2x photo pixels.
        assertEquals(0, face.x(), 1e-9);
        assertEquals(0, face.y(), 1e-9);
        assertEquals(80, face.right(), 1e-9);
        assertEquals(88, face.bottom(), 1e-9);
        // Keypoints in MediaPipe's order: the person's right eye, left eye, nose, mouth, right ear, left ear.
        FaceKeypoints k = face.keypoints();
        assertEquals(new Point(32, 32), k.rightEye());
        assertEquals(new Point(72, 32), k.leftEye());
        assertEquals(new Point(52, 52), k.nose());
        assertEquals(new Point(52, 72), k.mouth());
        assertEquals(new Point(-8, 32), k.rightEar()); // keypoints are not clipped
        assertEquals(new Point(112, 32), k.leftEar());
    }

    @Test
    void neighbouringAnchorsBlendIntoOneFace() {
        int a = (8 * 16 + 8) * 2; // the first anchor of fine cell (8, 8), centre (68, 68) in the 128 input
        fineScores[a] = 3f;
        fineScores[a + 1] = 1f;
        fineBoxes[a * 16 + 2] = 30; // a 30x30 box at the anchor
        fineBoxes[a * 16 + 3] = 30;
        fineBoxes[(a + 1) * 16] = 2; // the cell's second anchor: 30x30, 2 pixels to the right
        fineBoxes[(a + 1) * 16 + 2] = 30;
        fineBoxes[(a + 1) * 16 + 3] = 30;
        List<FaceBox> faces = decode(BlazeFaceDecoder.FRONT, 128, 128);
        assertEquals(1, faces.size());
        double w0 = 1 / (1 + Math.exp(-3));
        double w1 = 1 / (1 + Math.exp(-1));
        assertEquals(w0, faces.getFirst().score(), 1e-12);
        double centre = 68 + 2 * w1 / (w0 + w1);
        assertEquals(centre, faces.getFirst().centerX(), 1e-9);
    }

    @Test
    void belowThresholdOrNonFiniteIsNoFace() {
        fineScores[5] = 0f; // sigmoid 0.5: not above 0.5
        fineScores[6] = Float.NaN;
        fineScores[7] = 5f;
        fineBoxes[7 * 16 + 9] = Float.POSITIVE_INFINITY;
        coarseScores[3] = Float.POSITIVE_INFINITY; // clipped logit: a face with zero-size box, dropped
        assertEquals(List.of(), decode(BlazeFaceDecoder.FRONT, 300, 200));
        assertEquals(1.0, BlazeFaceDecoder.sigmoid(1e30f), 1e-12);
    }

    @Test
    void wrongOutputSizesNameTheOutput() {
        FittedImage fit = FittedImage.letterbox(FittedImageTest.solid(10, 10, 0), 128, 128);
        var e = assertThrows(IllegalArgumentException.class, () -> BlazeFaceDecoder.FRONT.decode(fineScores,
                coarseScores, fineBoxes, new float[384 * 17], fit, 0.5));
        assertTrue(e.getMessage().contains("'Identity_3:0' has 6528 values, expected 6144"), e.getMessage());
    }
}
