package io.jdeepface.face.eval;

import io.jdeepface.face.verify.Embedding;

/**
 * What the evaluation keeps per image: its main face's embedding without and with flip
 * test-time augmentation, both from one model run over the crop and its mirror.
 *
 * @param detected false when no face was detected and the whole image was used
 */
public record ImageEmbeddings(Embedding plain, Embedding flip, boolean detected) {
    public Embedding get(boolean withFlip) {
        return withFlip ? flip : plain;
    }
}
