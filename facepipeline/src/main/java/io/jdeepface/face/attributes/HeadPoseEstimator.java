package io.jdeepface.face.attributes;

import io.jdeepface.face.detect.FaceBox;
import io.jdeepface.face.image.ChannelOrder;
import io.jdeepface.face.image.Image;
import io.jdeepface.face.image.Interpolation;
import io.jdeepface.face.image.TensorFormat;
import io.jdeepface.face.image.TensorLayout;
import io.jdeepface.face.models.ModelRunner;
import java.util.Map;
import java.util.Objects;

/**
 * Head pose from faceplugin's {@code fr_pose.onnx} (catalog name {@code headpose}), a Hopenet-style
 * network: each angle is a softmax over 66 bins of 3 degrees covering [-99, 99), read as the
 * expected value. Follows {@code lib/fr_pose.js} of faceplugin-face-recognition-js 0.0.1.
 */
public final class HeadPoseEstimator {
    public static final int SIZE = 224;
    static final String INPUT = "input";
    /** {@code predictPose}: yaw from {@code output}, pitch from {@code 617}, roll from {@code 618}. */
    static final String YAW = "output";
    static final String PITCH = "617";
    static final String ROLL = "618";
    static final int BINS = 66;
    static final double DEGREES_PER_BIN = 3;
    static final double OFFSET_DEGREES = -99;
    /** {@code predictPose}: the box grows by a quarter of its width/height on every side. */
    static final double MARGIN = 0.25;
    /**
     * {@code preprocessPose}: ImageNet normalisation, {@code (p / 255 - mean) / std}, NCHW, RGB.
     * (In the JS the canvas is RGBA and the extra {@code cvtColor(BGR2RGB)} really swaps it to BGR;
     * we feed RGB, the order Hopenet was trained with, and which the mirror test checks.)
     */
    static final TensorFormat FORMAT = new TensorFormat(TensorLayout.NCHW, ChannelOrder.RGB,
            new float[] {0.485f * 255, 0.456f * 255, 0.406f * 255},
            new float[] {0.229f * 255, 0.224f * 255, 0.225f * 255});

    private final ModelRunner runner;

    public HeadPoseEstimator(ModelRunner runner) {
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /** The head pose of the face in {@code box} (a face detector's box). */
    public HeadPose estimate(Image image, FaceBox box) {
        FaceCrops.requireOnImage(image, box);
        int x1 = (int) box.x();
        int y1 = (int) box.y();
        int w = (int) box.right() - x1;
        int h = (int) box.bottom() - y1;
        int x11 = (int) (x1 - w * MARGIN);
        int y11 = (int) (y1 - h * MARGIN);
        int x22 = (int) (x1 + w + w * MARGIN);
        int y22 = (int) (y1 + h + h * MARGIN);
        // Image.crop clamps to the frame, as the JS clamps its cv.Rect.
        Image face = image.crop(x11, y11, x22 - x11, y22 - y11).resize(SIZE, SIZE, Interpolation.BILINEAR);
        Map<String, float[]> out = runner.run(INPUT, new long[] {1, 3, SIZE, SIZE}, face.toTensor(FORMAT));
        return new HeadPose(angle(Outputs.require(out, YAW, BINS, "headpose")),
                angle(Outputs.require(out, PITCH, BINS, "headpose")),
                angle(Outputs.require(out, ROLL, BINS, "headpose")));
    }

    /** Expected bin index under the softmax, times 3 degrees, minus 99. */
    static double angle(float[] logits) {
        double[] p = Softmax.of(logits, 0, logits.length);
        double expected = 0;
        for (int i = 0; i < p.length; i++) {
            expected += p[i] * i;
        }
        return expected * DEGREES_PER_BIN + OFFSET_DEGREES;
    }
}
