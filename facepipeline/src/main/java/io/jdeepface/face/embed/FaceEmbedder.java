package io.jdeepface.face.embed;

import io.jdeepface.engine.exec.Model;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.tensor.Shape;
import io.jdeepface.face.detect.FaceBox;
import io.jdeepface.face.image.ChannelOrder;
import io.jdeepface.face.image.Image;
import io.jdeepface.face.image.Interpolation;
import io.jdeepface.face.image.TensorFormat;
import io.jdeepface.face.image.TensorLayout;
import io.jdeepface.face.models.FaceModels;
import io.jdeepface.face.models.ModelRunner;
import io.jdeepface.face.verify.Embedding;
import java.util.List;
import java.util.Objects;

/**
 * The {@code arcface-512} embedder (faceplugin's {@code fr_feature.onnx}): a 512-value vector
 * from a 112×112 face aligned to the ArcFace template, L2-normalised.
 *
 * <p>Preprocessing as {@code preprocessFeature} in {@code fr_feature.js}: channels R, G, B (the
 * browser's RGBA order, alpha dropped), {@code (pixel - 127) / 128}, NCHW.
 *
 * <p>Flip test-time augmentation (optional, {@link #withFlip}): the embedding of the mirrored crop
 * is added to that of the crop before normalising. A face and its mirror image are the same person,
 * so the sum averages out some of the model's left/right noise (typically +0.1–0.2% LFW accuracy)
 * at twice the cost.
 *
 * <p>Thread-safe when its runner is; immutable.
 */
public final class FaceEmbedder implements FaceRecognizer {
    public static final String MODEL = "arcface-512";
    public static final String INPUT = "input";
    public static final String OUTPUT = "output";
    public static final int SIZE = 112;
    public static final int DIMENSION = 512;
    /** From fr_feature.js: RGB, (p − 127) / 128. */
    public static final TensorFormat INPUT_FORMAT = TensorFormat.of(TensorLayout.NCHW, ChannelOrder.RGB, 127f, 128f);
    /** Faces per engine run: bounds the input/activation memory of one batch. */
    public static final int MAX_BATCH = 16;

    private final ModelRunner runner;
    private final boolean dynamicBatch;
    private final boolean flip;

    /**
     * @param runner       runs {@code arcface-512}
     * @param dynamicBatch whether the model accepts a batch dimension other than 1 (then
     *                     {@link #embed(List)} runs several faces at once)
     */
    public FaceEmbedder(ModelRunner runner, boolean dynamicBatch) {
        this(runner, dynamicBatch, false);
    }

    private FaceEmbedder(ModelRunner runner, boolean dynamicBatch, boolean flip) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.dynamicBatch = dynamicBatch;
        this.flip = flip;
    }

    /** The embedder over {@code models}' {@value #MODEL}, batching when its input's batch is dynamic. */
    public static FaceEmbedder of(FaceModels models) {
        return new FaceEmbedder(models.runner(MODEL), hasDynamicBatch(models.model(MODEL)));
    }

    /** Whether the model's first input has a dynamic (or non-1) first dimension. */
    public static boolean hasDynamicBatch(Model model) {
        List<ValueInfo> inputs = model.inputs();
        if (inputs.isEmpty() || inputs.get(0).shape().rank() == 0) {
            return false;
        }
        return inputs.get(0).shape().dim(0) == Shape.DYNAMIC;
    }

    /** This embedder with flip test-time augmentation on or off. */
    public FaceEmbedder withFlip(boolean enabled) {
        return new FaceEmbedder(runner, dynamicBatch, enabled);
    }

    public boolean flip() {
        return flip;
    }

    public boolean dynamicBatch() {
        return dynamicBatch;
    }

    /** The normalised embedding of one aligned 112×112 face. */
    public Embedding embed(Image alignedFace) {
        return embed(List.of(alignedFace)).get(0);
    }

    /** The normalised embeddings of aligned 112×112 faces, in order; batched when the model allows. */
    public List<Embedding> embed(List<Image> alignedFaces) {
        return embed(alignedFaces, flip);
    }

    @Override
    public String model() {
        return MODEL;
    }

    /** The aligned crop; an unaligned box crop is resized to the model's 112×112. */
    @Override
    public Image input(Image image, FaceBox box, Image aligned) {
        return aligned.width() == SIZE && aligned.height() == SIZE ? aligned
                : aligned.resize(SIZE, SIZE, Interpolation.BILINEAR);
    }

    /**
     * The model's unnormalised outputs for each aligned face (no flip, no normalisation), in
     * batches of up to {@link #MAX_BATCH}: for callers that need several variants from one run.
     */
    @Override
    public float[][] raw(List<Image> faces) {
        return new BatchedModel(runner, INPUT, INPUT_FORMAT, SIZE, OUTPUT, dynamicBatch ? MAX_BATCH : 1).run(faces);
    }
}
