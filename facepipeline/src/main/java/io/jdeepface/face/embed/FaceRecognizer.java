package io.jdeepface.face.embed;

import io.jdeepface.face.detect.FaceBox;
import io.jdeepface.face.image.Image;
import io.jdeepface.face.models.FaceModels;
import io.jdeepface.face.verify.Embedding;
import java.util.ArrayList;
import java.util.List;

/**
 * A face recognition model: turns a located face into an embedding whose distance to another
 * face's embedding says whether they are the same person. Each model wants its own crop of the
 * face ({@link #input}); the rest (flip augmentation, normalisation) is shared here.
 */
public interface FaceRecognizer {
    /** The recognition models, the default first. */
    List<String> MODELS = List.of(FaceEmbedder.MODEL, FaceResDescriptor.MODEL);

    /** The recognizer {@code model} over {@code models}' installed model files. */
    static FaceRecognizer of(FaceModels models, String model) {
        return switch (model) {
            case FaceEmbedder.MODEL -> FaceEmbedder.of(models);
            case FaceResDescriptor.MODEL -> new FaceResDescriptor(models.runner(FaceResDescriptor.RUNNER),
                    FaceEmbedder.hasDynamicBatch(models.model(FaceResDescriptor.RUNNER)));
            default -> throw new IllegalArgumentException("unsupported model '" + model + "'; supported: " + MODELS);
        };
    }

    /** The model's catalog name, also the key of its thresholds ({@code arcface-512}, {@code faceres-1024}). */
    String model();

    /**
     * The face as this model reads it.
     *
     * @param image   the whole image
     * @param box     the face's box on {@code image} (detected, possibly expanded)
     * @param aligned the face aligned to the ArcFace 112×112 template, or the box's crop when alignment is off
     */
    Image input(Image image, FaceBox box, Image aligned);

    /** The model's unnormalised outputs for inputs made by {@link #input}, in order. */
    float[][] raw(List<Image> inputs);

    /**
     * The L2-normalised embeddings of {@code inputs}. With {@code flip}, each embedding is the sum
     * of the face's and its mirror image's outputs before normalising (test-time augmentation: a
     * face and its mirror are the same person, so the sum averages out left/right noise).
     */
    default List<Embedding> embed(List<Image> inputs, boolean flip) {
        return embed(inputs, flip, true);
    }

    /** As {@link #embed(List, boolean)}, L2-normalised only when {@code normalize} is set. */
    default List<Embedding> embed(List<Image> inputs, boolean flip, boolean normalize) {
        List<Image> all = new ArrayList<>(inputs.size() * (flip ? 2 : 1));
        for (Image face : inputs) {
            all.add(face);
            if (flip) {
                all.add(face.flipHorizontal());
            }
        }
        float[][] raw = raw(all);
        List<Embedding> result = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            float[] v = flip ? raw[2 * i].clone() : raw[i];
            if (flip) {
                float[] mirrored = raw[2 * i + 1];
                for (int k = 0; k < v.length; k++) {
                    v[k] += mirrored[k];
                }
            }
            Embedding e = new Embedding(v, model(), false);
            result.add(normalize ? e.l2Normalized() : e);
        }
        return result;
    }
}
