package io.jdeepface.face.detect;

import io.jdeepface.face.models.ModelRunner;
import io.jdeepface.face.image.Image;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The {@code ultraface} detector: UltraFace-RFB-320 run by a {@link ModelRunner}, see {@link UltraFaceDecoder}. */
public final class UltraFaceDetector implements FaceDetector {
    private final ModelRunner runner;
    private final InputFit fit;

    /** @param runner runs {@code fr_detect.onnx} (input {@value UltraFaceDecoder#INPUT}) */
    public UltraFaceDetector(ModelRunner runner) {
        this(runner, InputFit.LETTERBOX);
    }

    public UltraFaceDetector(ModelRunner runner, InputFit fit) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.fit = Objects.requireNonNull(fit, "fit");
    }

    @Override
    public List<FaceBox> detect(Image image) {
        int w = UltraFaceDecoder.INPUT_WIDTH;
        int h = UltraFaceDecoder.INPUT_HEIGHT;
        FittedImage fitted = FittedImage.fit(image, w, h, fit);
        Map<String, float[]> out = runner.run(UltraFaceDecoder.INPUT, UltraFaceDecoder.inputShape(),
                UltraFaceDecoder.toInput(fitted.input()));
        return UltraFaceDecoder.decode(out.get(UltraFaceDecoder.SCORES), out.get(UltraFaceDecoder.BOXES), fitted);
    }
}
