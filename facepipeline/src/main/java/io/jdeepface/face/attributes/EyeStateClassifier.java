package io.jdeepface.face.attributes;

import io.jdeepface.face.align.Landmarks68;
import io.jdeepface.face.image.ChannelOrder;
import io.jdeepface.face.image.Image;
import io.jdeepface.face.image.Interpolation;
import io.jdeepface.face.image.TensorFormat;
import io.jdeepface.face.image.TensorLayout;
import io.jdeepface.face.models.ModelRunner;
import java.util.Map;
import java.util.Objects;

/**
 * Open/closed eyes from faceplugin's {@code fr_eye.onnx} (catalog name {@code eye-state}), a small
 * classifier of 24×24 grayscale eye crops placed by the 68 landmarks. Follows {@code lib/fr_eye.js}
 * of faceplugin-face-recognition-js 0.0.1.
 */
public final class EyeStateClassifier {
    public static final int SIZE = 24;
    static final String INPUT = "input";
    static final String OUTPUT = "output";
    /** {@code getEyeBBox}: the square crop is 1.6 times the corner-to-corner eye width. */
    static final double PADDING_RATE = 1.6;
    /** {@code preprocessEye}: one gray channel, pixel / 255. */
    static final TensorFormat FORMAT = TensorFormat.of(TensorLayout.NCHW, ChannelOrder.GRAY, 0f, 255f);
    /**
     * Which of the two softmax classes means "open". The JS only reports {@code p[0] > p[1]}
     * without naming it; measured on open-eyed photos (see EyeStateClassifierTest), class 1 is open.
     */
    static final int OPEN_CLASS = 1;

    private final ModelRunner runner;

    public EyeStateClassifier(ModelRunner runner) {
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /** @param landmarks68 136 values, {@code x0, y0, x1, y1, ...}, in the pixels of {@code image} */
    public EyeState classify(Image image, float[] landmarks68) {
        return classify(image, new Landmarks68(landmarks68));
    }

    public EyeState classify(Image image, Landmarks68 landmarks) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(landmarks, "landmarks");
        float[] xy = landmarks.xy();
        double left = openProbability(eyeCrop(image, xy, 36));
        double right = openProbability(eyeCrop(image, xy, 42));
        return new EyeState(left, right);
    }

    /** Probability of "open" for one 24×24 eye crop. */
    double openProbability(Image eye) {
        Map<String, float[]> out = runner.run(INPUT, new long[] {1, 1, SIZE, SIZE}, eye.toTensor(FORMAT));
        double[] p = Softmax.of(Outputs.require(out, OUTPUT, 2, "eye-state"), 0, 2);
        return p[OPEN_CLASS];
    }

    /**
     * {@code getEyeBBox} for the eye whose six points start at {@code first} (36 or 42): centre is
     * the mean of the four eyelid points (first+1, +2, +4, +5), side 1.6 × (x of the far corner
     * first+3 minus x of the near corner first), corner clamped to 0 and side shrunk to fit. All
     * values are truncated to integers as the JS {@code parseInt} does.
     */
    static int[] eyeBox(float[] xy, int first, int imageWidth, int imageHeight) {
        int cx = (int) ((xy[2 * (first + 1)] + xy[2 * (first + 2)] + xy[2 * (first + 4)] + xy[2 * (first + 5)]) / 4);
        int cy = (int) ((xy[2 * (first + 1) + 1] + xy[2 * (first + 2) + 1] + xy[2 * (first + 4) + 1]
                + xy[2 * (first + 5) + 1]) / 4);
        int size = (int) ((xy[2 * (first + 3)] - xy[2 * first]) * PADDING_RATE);
        int x = Math.max(0, (int) (cx - size / 2.0));
        int y = Math.max(0, (int) (cy - size / 2.0));
        if (x + size >= imageWidth) {
            size = imageWidth - x - 1;
        }
        if (y + size >= imageHeight) {
            size = imageHeight - y - 1;
        }
        return new int[] {x, y, size, size};
    }

    static Image eyeCrop(Image image, float[] xy, int first) {
        int[] b = eyeBox(xy, first, image.width(), image.height());
        if (b[2] < 1 || b[0] >= image.width() || b[1] >= image.height()) {
            throw new IllegalArgumentException("the eye at landmarks " + first + "-" + (first + 5)
                    + " gives an empty crop " + java.util.Arrays.toString(b) + " on the " + image.width() + "x"
                    + image.height() + " image " + image.source() + "; are the landmarks in this image's pixels?");
        }
        return image.crop(b[0], b[1], b[2], b[3]).resize(SIZE, SIZE, Interpolation.BILINEAR);
    }
}
