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
 * Facial expression from faceplugin's {@code fr_expression.onnx} (catalog name {@code emotion}),
 * following {@code lib/fr_expression.js} of faceplugin-face-recognition-js 0.0.1.
 */
public final class ExpressionAnalyzer {
    public static final int SIZE = 224;
    static final String INPUT = "input";
    static final String OUTPUT = "output";
    /**
     * {@code alignExpressionImage}: the crop starts at the box's top-left corner and is 1.2 times
     * the box's width and height (not centred: it grows right and down only).
     */
    static final double CROP_SCALE = 1.2;
    /** {@code preprocessExpression}: NCHW, RGB (OpenCV.js {@code imread} of a canvas is RGBA), pixel / 255. */
    static final TensorFormat FORMAT = TensorFormat.of(TensorLayout.NCHW, ChannelOrder.RGB, 0f, 255f);

    private final ModelRunner runner;

    public ExpressionAnalyzer(ModelRunner runner) {
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /** The expression of the face in {@code box} (a face detector's box, as faceplugin's UltraFace gives). */
    public EmotionEstimate analyze(Image image, FaceBox box) {
        FaceCrops.requireOnImage(image, box);
        // fr_expression.js truncates the corner (parseInt) and the scaled size, then clamps to the image.
        int x = (int) box.x();
        int y = (int) box.y();
        int w = Math.min((int) (box.width() * CROP_SCALE), image.width() - 1);
        int h = Math.min((int) (box.height() * CROP_SCALE), image.height() - 1);
        Image face = image.crop(x, y, Math.max(1, w), Math.max(1, h)).resize(SIZE, SIZE, Interpolation.BILINEAR);
        Map<String, float[]> out = runner.run(INPUT, new long[] {1, 3, SIZE, SIZE}, face.toTensor(FORMAT));
        return fromLogits(Outputs.require(out, OUTPUT, Emotion.values().length, "emotion"));
    }

    /** Softmax of the 7 logits (the model's classes are in FER-2013 order), as percentages. */
    static EmotionEstimate fromLogits(float[] logits) {
        double[] p = Softmax.of(logits, 0, logits.length);
        for (int i = 0; i < p.length; i++) {
            p[i] *= 100;
        }
        return new EmotionEstimate(p);
    }
}
