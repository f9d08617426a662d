package io.jdeepface.face.embed;

import io.jdeepface.face.attributes.FaceResAnalyzer;
import io.jdeepface.face.detect.FaceBox;
import io.jdeepface.face.image.Image;
import io.jdeepface.face.models.ModelRunner;
import java.util.List;
import java.util.Objects;

/**
 * The {@code faceres-1024} recognizer: the 1024-value descriptor of Human's FaceRes model (the
 * same run that gives age and gender), as {@code src/face/faceres.ts} of {@code @vladmandic/human}
 * 3.3.6 computes it: the face crop resized to 224×224, RGB in 0..255, output
 * {@code global_pooling/Mean}.
 *
 * <p>Human feeds the detector's face crop without landmark alignment, so this recognizer does too:
 * its input is the square of the box's height around the box's centre (as for age and gender),
 * whatever the alignment option. It is weaker than {@code arcface-512} (docs/accuracy.md) and is
 * offered as a second, independent opinion.
 */
public final class FaceResDescriptor implements FaceRecognizer {
    public static final String MODEL = "faceres-1024";
    /** The installed model file that computes the descriptor. */
    public static final String RUNNER = "faceres";
    static final String OUTPUT = "global_pooling/Mean";
    public static final int SIZE = FaceResAnalyzer.SIZE;
    public static final int DIMENSION = 1024;
    /** Faces per engine run: bounds the memory of one batch (224×224 inputs are 4× arcface's). */
    static final int MAX_BATCH = 8;

    private final ModelRunner runner;
    private final boolean dynamicBatch;

    public FaceResDescriptor(ModelRunner runner, boolean dynamicBatch) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.dynamicBatch = dynamicBatch;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public Image input(Image image, FaceBox box, Image aligned) {
        return FaceResAnalyzer.faceCrop(image, box);
    }

    @Override
    public float[][] raw(List<Image> faces) {
        float[][] out = new BatchedModel(runner, FaceResAnalyzer.INPUT, FaceResAnalyzer.FORMAT, SIZE, OUTPUT,
                dynamicBatch ? MAX_BATCH : 1).run(faces);
        if (out.length > 0 && out[0].length != DIMENSION) {
            throw new IllegalStateException("faceres output '" + OUTPUT + "' has " + out[0].length
                    + " values per face, expected " + DIMENSION);
        }
        return out;
    }
}
