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
 * Age and gender from Human's FaceRes model (catalog name {@code faceres}, after HSE-FaceRes).
 * Pre- and post-processing follow {@code src/face/faceres.ts} of {@code @vladmandic/human} 3.3.6.
 */
public final class FaceResAnalyzer {
    /** Input side: {@code input_1} is {@code [N, 224, 224, 3]}. */
    public static final int SIZE = 224;
    public static final String INPUT = "input_1";
    static final String GENDER = "gender_pred/Sigmoid";
    static final String AGE = "age_pred/Softmax";
    /**
     * NHWC RGB in 0..255: {@code enhance()} multiplies the detector's 0..1 face tensor by 255
     * ({@code constants.tf255}) after a bilinear resize.
     */
    public static final TensorFormat FORMAT = TensorFormat.of(TensorLayout.NHWC, ChannelOrder.RGB, 0f, 1f);

    private final ModelRunner runner;

    public FaceResAnalyzer(ModelRunner runner) {
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /**
     * Age and gender of the face in {@code box} (a detector's box). The crop is the square of the
     * box's height around its centre ({@link FaceBox#squareOnHeight}), resized to 224×224: Human
     * feeds square face crops, and on the hand-labelled deepface-unit photos the square crop of an
     * UltraFace box gets gender right more often than the taller-than-wide box itself.
     */
    public AgeGender analyze(Image image, FaceBox box) {
        FaceCrops.requireOnImage(image, box);
        Image face = faceCrop(image, box);
        Map<String, float[]> out = runner.run(INPUT, new long[] {1, SIZE, SIZE, 3}, face.toTensor(FORMAT));
        float pMan = Outputs.require(out, GENDER, 1, "faceres")[0];
        float[] ageSoftmax = Outputs.require(out, AGE, 100, "faceres");
        return new AgeGender(new AgeEstimate(decodeAge(ageSoftmax)), genderOf(pMan));
    }

    /** FaceRes's input: the square of the box's height around its centre, clipped to the image, at 224×224. */
    public static Image faceCrop(Image image, FaceBox box) {
        FaceBox square = box.squareOnHeight(image.width(), image.height());
        int x = (int) Math.floor(square.x());
        int y = (int) Math.floor(square.y());
        int w = Math.max(1, Math.min(image.width() - x, (int) Math.ceil(square.width())));
        int h = Math.max(1, Math.min(image.height() - y, (int) Math.ceil(square.height())));
        return image.crop(x, y, w, h).resize(SIZE, SIZE, Interpolation.BILINEAR);
    }

    /**
     * The sigmoid is the probability of "male": faceres.ts says {@code gender[0] <= 0.5 ? 'female' : 'male'}.
     * NaN (a broken model) is refused rather than reported as a 50/50 guess.
     */
    static GenderEstimate genderOf(float pMan) {
        if (!Float.isFinite(pMan)) {
            throw new IllegalStateException("faceres gave a non-finite gender output: " + pMan);
        }
        return GenderEstimate.ofManProbability(pMan);
    }

    /**
     * Human's decoding of the 100-way age softmax (one class per year): the argmax year, pulled
     * towards its larger neighbour by ten times that neighbour's probability —
     * {@code p[i-1] > p[i+1] ? i - 10 p[i-1] : i + 10 p[i+1]}, rounded to 0.1 year. A missing
     * neighbour at either end counts as 0 (in JavaScript it reads {@code undefined}).
     */
    static double decodeAge(float[] p) {
        int i = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[i]) {
                i = k;
            }
        }
        double below = i > 0 ? p[i - 1] : 0;
        double above = i + 1 < p.length ? p[i + 1] : 0;
        double tenths = below > above ? 10.0 * i - 100 * below : 10.0 * i + 100 * above;
        double years = Math.round(tenths) / 10.0;
        if (!Double.isFinite(years)) {
            throw new IllegalStateException("faceres gave a non-finite age output");
        }
        return Math.clamp(years, 0.0, 100.0);
    }
}
