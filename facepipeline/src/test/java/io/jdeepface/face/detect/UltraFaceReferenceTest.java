package io.jdeepface.face.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.face.image.Image;
import io.jdeepface.face.image.ImageDecoder;
import io.jdeepface.face.image.Interpolation;
import io.jdeepface.testdata.TestPackages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * UltraFaceDecoder against its reference: what the ONNX graph computes itself, and faceplugin's
 * {@code fr_detect.js} post-processing on the same raw outputs.
 */
class UltraFaceReferenceTest {
    private static OrtRunner model;

    @BeforeAll
    static void load() {
        model = OrtRunner.ultraFace();
    }

    @AfterAll
    static void close() throws Exception {
        model.close();
    }

    /** The photo as fr_detect.js feeds it: stretched to 320×240 with OpenCV's default bilinear. */
    private static FittedImage asFrDetectJs(Image photo) {
        Image input = photo.resize(UltraFaceDecoder.INPUT_WIDTH, UltraFaceDecoder.INPUT_HEIGHT, Interpolation.BILINEAR);
        return new FittedImage(input, photo.width(), photo.height(), 0, 0, input.width(), input.height());
    }

    private static Map<String, float[]> rawOutputs(FittedImage fit) {
        return model.run(UltraFaceDecoder.INPUT, UltraFaceDecoder.inputShape(), UltraFaceDecoder.toInput(fit.input()));
    }

    private static List<Image> demoPhotos() throws Exception {
        List<Image> photos = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            photos.add(new ImageDecoder().decode(TestPackages.FACE_API.file("demo/sample" + i + ".jpg")));
        }
        return photos;
    }

    /**
     * UltraFace's priors (Linzaer's {@code generate_priors}, the {@code min_sizes} and
     * {@code steps} of fr_detect.js): {@code [cx, cy, w, h]} per prior, normalised.
     */
    static float[][] priors() {
        int[][] minSizes = {{10, 16, 24}, {32, 48}, {64, 96}, {128, 192, 256}};
        int[] steps = {8, 16, 32, 64};
        List<float[]> priors = new ArrayList<>();
        for (int k = 0; k < steps.length; k++) {
            int cols = (int) Math.ceil(320.0 / steps[k]);
            int rows = (int) Math.ceil(240.0 / steps[k]);
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    for (int size : minSizes[k]) {
                        priors.add(new float[] {(x + 0.5f) / cols, (y + 0.5f) / rows, size / 320f, size / 240f});
                    }
                }
            }
        }
        return priors.toArray(float[][]::new);
    }

    @Test
    void theBoxesOutputIsAlreadyDecodedCornersAroundEachPrior() throws Exception {
        float[][] priors = priors();
        assertEquals(UltraFaceDecoder.PRIORS, priors.length);
        for (Image photo : demoPhotos()) {
            Map<String, float[]> out = rawOutputs(asFrDetectJs(photo));
            float[] boxes = out.get(UltraFaceDecoder.BOXES);
            float[] scores = out.get(UltraFaceDecoder.SCORES);
            int near = 0;
            for (int i = 0; i < priors.length; i++) {
                float[] p = priors[i];
                double x1 = boxes[4 * i];
                double y1 = boxes[4 * i + 1];
                double x2 = boxes[4 * i + 2];
                double y2 = boxes[4 * i + 3];
                assertEquals(1, scores[2 * i] + scores[2 * i + 1], 1e-5, "scores are a softmax");
                assertTrue(x2 > x1 && y2 > y1, "corner form");
                // Centre within one prior size of the prior, size within e^±1 of it: variance-scaled regression.
                boolean close = Math.abs((x1 + x2) / 2 - p[0]) < p[2] && Math.abs((y1 + y2) / 2 - p[1]) < p[3]
                        && Math.abs(Math.log((x2 - x1) / p[2])) < 1 && Math.abs(Math.log((y2 - y1) / p[3])) < 1;
                if (close) {
                    near++;
                }
                if (scores[2 * i + 1] >= UltraFaceDecoder.SCORE_THRESHOLD) {
                    assertTrue(close, "face prior " + i + " decoded far from its prior");
                }
            }
            assertTrue(near > 0.95 * priors.length, near + " of " + priors.length + " boxes near their prior");
        }
    }

    /**
     * Same raw outputs, both post-processings: the same faces. fr_detect.js keeps, per face, the
     * box with the highest bottom edge rather than the best score, and widens it to a square;
     * compared through {@link FaceBox#squareOnHeight} the boxes agree to IoU 0.7.
     */
    @Test
    void findsTheFacesFrDetectJsFinds() throws Exception {
        for (Image photo : demoPhotos()) {
            FittedImage stretched = asFrDetectJs(photo);
            Map<String, float[]> out = rawOutputs(stretched);
            float[] scores = out.get(UltraFaceDecoder.SCORES);
            float[] boxes = out.get(UltraFaceDecoder.BOXES);
            List<FaceBox> ours = UltraFaceDecoder.decode(scores, boxes, stretched).stream()
                    .map(b -> b.squareOnHeight(photo.width(), photo.height()))
                    .toList();
            List<FrDetectJs.Box> js = FrDetectJs.postprocess(scores, boxes, photo.width(), photo.height());
            assertEquals(js.size(), ours.size(), photo.source());
            for (FrDetectJs.Box j : js) {
                FaceBox asBox = FaceBox.ofCorners(j.x1(), j.y1(), j.x2(), j.y2(), j.score(), null);
                long matches = ours.stream().filter(o -> o.iou(asBox) >= 0.7).count();
                assertEquals(1, matches, photo.source() + ": JS box " + j + " vs " + ours);
            }
        }
    }
}
