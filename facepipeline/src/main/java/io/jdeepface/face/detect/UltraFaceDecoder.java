package io.jdeepface.face.detect;

import io.jdeepface.face.image.ChannelOrder;
import io.jdeepface.face.image.Image;
import io.jdeepface.face.image.TensorFormat;
import io.jdeepface.face.image.TensorLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Pre- and post-processing of UltraFace-RFB-320 ({@code fr_detect.onnx} of faceplugin's
 * face-recognition-js), as pure functions. Constants come from {@code lib/fr_detect.js}
 * ({@code detectFaceImage}, {@code preprocessDetection}).
 *
 * <p>The ONNX graph decodes its own boxes: after the regression heads it applies the SSD prior
 * decoding (centre {@code prior + loc * 0.1 * prior_size}, size {@code prior_size * exp(loc * 0.2)},
 * corners) and a softmax, so {@code boxes} is already {@code [x1, y1, x2, y2]} in [0, 1] of the
 * input and {@code scores} is {@code [background, face]} per prior. {@code fr_detect.js} computes
 * the prior decoding again ({@code decodeBBox}) but then ignores it and uses {@code boxes} as is;
 * the tests check this numerically.
 */
public final class UltraFaceDecoder {
    public static final String INPUT = "input";
    public static final String SCORES = "scores";
    public static final String BOXES = "boxes";
    public static final int INPUT_WIDTH = 320;
    public static final int INPUT_HEIGHT = 240;
    /** Number of priors: 40×30×3 + 20×15×2 + 10×8×2 + 5×4×3 (steps 8/16/32/64, min_sizes 3/2/2/3 per cell). */
    public static final int PRIORS = 4420;
    /**
     * {@code (p - 127) / 128}, NCHW, RGB: {@code preprocessDetection}. (The JS reads a canvas as
     * RGBA and then applies {@code COLOR_BGR2RGB}, so in the browser it actually feeds BGR; the
     * original UltraFace training and Python demo feed RGB, which is what this uses. Measured on
     * the face-api demo photos and DeepFace's couple/selfie/img1: the same faces either way, plus
     * one false face on img1.jpg with BGR.)
     */
    public static final TensorFormat INPUT_FORMAT = TensorFormat.of(TensorLayout.NCHW, ChannelOrder.RGB, 127f, 128f);
    /** {@code confidence_threshold: 0.65}; a prior is a candidate when its face score is at least this. */
    public static final double SCORE_THRESHOLD = 0.65;
    /** {@code top_k: 750}: candidates kept for NMS. */
    public static final int TOP_K = 750;
    /**
     * IoU above which two boxes are one face. {@code fr_detect.js} uses an intersection-over-area
     * variant at 0.4; UltraFace's own {@code hard_nms} uses IoU 0.3. IoU 0.3 gives the same faces
     * as the JS on the test photos (see UltraFaceReferenceTest).
     */
    public static final double IOU_THRESHOLD = 0.3;

    private UltraFaceDecoder() {}

    /** The model input shape for one image: {@code [1, 3, 240, 320]}. */
    public static long[] inputShape() {
        return new long[] {1, 3, INPUT_HEIGHT, INPUT_WIDTH};
    }

    /** The model input for an image already resized to 320×240. */
    public static float[] toInput(Image input) {
        if (input.width() != INPUT_WIDTH || input.height() != INPUT_HEIGHT) {
            throw new IllegalArgumentException("UltraFace takes a " + INPUT_WIDTH + "x" + INPUT_HEIGHT
                    + " image, got " + input.width() + "x" + input.height());
        }
        return input.toTensor(INPUT_FORMAT);
    }

    /**
     * The faces in the raw outputs, in the original photo's pixels, clipped to it.
     *
     * @param scores {@code scores} output, {@code [1, 4420, 2]}
     * @param boxes  {@code boxes} output, {@code [1, 4420, 4]}
     * @param fit    how the photo was resized into the input
     */
    static List<FaceBox> decode(float[] scores, float[] boxes, FittedImage fit) {
        RawOutputs.requireLength(SCORES, scores, PRIORS * 2);
        RawOutputs.requireLength(BOXES, boxes, PRIORS * 4);
        List<FaceBox> candidates = new ArrayList<>();
        for (int i = 0; i < PRIORS; i++) {
            float face = scores[2 * i + 1];
            if (!(face >= SCORE_THRESHOLD)) { // also skips NaN
                continue;
            }
            int b = 4 * i;
            double x1 = fit.sourceX(boxes[b]);
            double y1 = fit.sourceY(boxes[b + 1]);
            double x2 = fit.sourceX(boxes[b + 2]);
            double y2 = fit.sourceY(boxes[b + 3]);
            if (x2 > x1 && y2 > y1 && Double.isFinite(x1 + y1 + x2 + y2)) {
                candidates.add(FaceBox.ofCorners(x1, y1, x2, y2, Math.min(face, 1.0), null));
            }
        }
        return fit.clipToSource(Nms.hard(candidates, IOU_THRESHOLD, TOP_K, Integer.MAX_VALUE));
    }
}
