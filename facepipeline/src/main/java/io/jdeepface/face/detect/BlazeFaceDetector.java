package io.jdeepface.face.detect;

import io.jdeepface.face.models.ModelRunner;
import io.jdeepface.face.image.Image;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The {@code blazeface-front} and {@code blazeface-back} detectors, see {@link BlazeFaceDecoder}. */
public final class BlazeFaceDetector implements FaceDetector {
    private final BlazeFaceDecoder model;
    private final ModelRunner runner;
    private final double scoreThreshold;
    private final InputFit fit;

    /**
     * @param model  {@link BlazeFaceDecoder#FRONT} or {@link BlazeFaceDecoder#BACK}
     * @param runner runs the matching ONNX model (input {@value BlazeFaceDecoder#INPUT})
     */
    public BlazeFaceDetector(BlazeFaceDecoder model, ModelRunner runner) {
        this(model, runner, BlazeFaceDecoder.SCORE_THRESHOLD, InputFit.LETTERBOX);
    }

    /** @param scoreThreshold minimum face score in (0, 1) */
    public BlazeFaceDetector(BlazeFaceDecoder model, ModelRunner runner, double scoreThreshold, InputFit fit) {
        this.model = Objects.requireNonNull(model, "model");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.scoreThreshold = scoreThreshold;
        this.fit = Objects.requireNonNull(fit, "fit");
        if (!(scoreThreshold > 0 && scoreThreshold < 1)) {
            throw new IllegalArgumentException("score threshold must be in (0, 1), got " + scoreThreshold);
        }
    }

    @Override
    public List<FaceBox> detect(Image image) {
        int size = model.inputSize();
        FittedImage fitted = FittedImage.fit(image, size, size, fit);
        Map<String, float[]> out = runner.run(BlazeFaceDecoder.INPUT, model.inputShape(), model.toInput(fitted.input()));
        return model.decode(out.get(BlazeFaceDecoder.FINE_SCORES), out.get(BlazeFaceDecoder.COARSE_SCORES),
                out.get(BlazeFaceDecoder.FINE_BOXES), out.get(BlazeFaceDecoder.COARSE_BOXES), fitted, scoreThreshold);
    }
}
