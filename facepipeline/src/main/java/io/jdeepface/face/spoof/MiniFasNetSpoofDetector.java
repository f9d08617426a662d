package io.jdeepface.face.spoof;

import io.jdeepface.face.detect.FaceBox;
import io.jdeepface.face.image.ChannelOrder;
import io.jdeepface.face.image.Image;
import io.jdeepface.face.image.ScaledCrop;
import io.jdeepface.face.image.Interpolation;
import io.jdeepface.face.image.TensorFormat;
import io.jdeepface.face.image.TensorLayout;
import io.jdeepface.face.models.ModelRunner;
import java.util.Map;
import java.util.Objects;

/**
 * Anti-spoofing with faceplugin's MiniFASNet ({@code fr_liveness.onnx}, catalog name
 * {@code minifasnet}), following {@code lib/fr_liveness.js} of faceplugin-face-recognition-js
 * 0.0.1: a crop 2.7 times the face box around its centre (shifted to stay inside the image),
 * resized to 128×128, raw 0..255 values; the score is class 0 of the 3-way softmax.
 *
 * <p>One deliberate difference: channels are fed in BGR order. The JS reads an RGBA canvas and
 * feeds RGB, but MiniFASNet (Silent-Face-Anti-Spoofing) was trained on OpenCV's BGR images, and on
 * the 62 real photos of DeepFace's test set BGR scores 62 real while RGB scores only 46.
 */
public final class MiniFasNetSpoofDetector {
    public static final int SIZE = 128;
    static final String INPUT = "input";
    static final String OUTPUT = "output";
    /** {@code predictLiveness} calls {@code alignLivenessImage(img, box, 2.7)}. */
    static final double SCALE = 2.7;
    /** {@code preprocessLiveness}: NCHW, values 0..255 unscaled; BGR, see the class comment. */
    static final TensorFormat FORMAT = TensorFormat.of(TensorLayout.NCHW, ChannelOrder.BGR, 0f, 1f);
    /** {@code predictLiveness} returns {@code softmax(output)[0]} as the liveness score. */
    static final int REAL_CLASS = 0;
    /** The decision threshold on the real-class probability. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    private final ModelRunner runner;
    private final double threshold;

    public MiniFasNetSpoofDetector(ModelRunner runner) {
        this(runner, DEFAULT_THRESHOLD);
    }

    public MiniFasNetSpoofDetector(ModelRunner runner, double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
        }
        this.runner = Objects.requireNonNull(runner, "runner");
        this.threshold = threshold;
    }

    /** The verdict for the face in {@code box} (a face detector's box, as faceplugin's UltraFace gives). */
    public SpoofScore check(Image image, FaceBox box) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(box, "box");
        if (box.width() < 1 || box.height() < 1) {
            throw new IllegalArgumentException("face box " + box + " is empty");
        }
        int[] r = cropRect(image.width(), image.height(), box);
        Image face = image.crop(r[0], r[1], r[2], r[3]).resize(SIZE, SIZE, Interpolation.BILINEAR);
        Map<String, float[]> out = runner.run(INPUT, new long[] {1, 3, SIZE, SIZE}, face.toTensor(FORMAT));
        float[] logits = out.get(OUTPUT);
        if (logits == null || logits.length != 3) {
            throw new IllegalStateException("minifasnet model must give 3 values named '" + OUTPUT + "', got "
                    + out.keySet());
        }
        double score = softmax(logits)[REAL_CLASS];
        return new SpoofScore(score >= threshold, score);
    }

    /**
     * {@code alignLivenessImage}: scale is 2.7 unless that would exceed the image; the scaled box
     * keeps its centre, then is shifted back inside {@code [0, w-1] × [0, h-1]}. Returns
     * {@code x, y, width, height} truncated as the JS {@code parseInt}.
     */
    static int[] cropRect(int srcW, int srcH, FaceBox box) {
        int x = (int) box.x();
        int y = (int) box.y();
        int boxW = (int) box.right() - x;
        int boxH = (int) box.bottom() - y;
        if (boxW < 1 || boxH < 1) {
            throw new IllegalArgumentException("face box " + box + " is smaller than a pixel");
        }
        ScaledCrop c = ScaledCrop.around(x, y, boxW, boxH, SCALE, srcW, srcH);
        return new int[] {c.x(), c.y(), c.width(), c.height()};
    }

    private static double[] softmax(float[] logits) {
        double max = Math.max(logits[0], Math.max(logits[1], logits[2]));
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
