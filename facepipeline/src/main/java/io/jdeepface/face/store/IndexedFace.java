package io.jdeepface.face.store;

import io.jdeepface.face.align.Point;

/**
 * One face found in a database image, as a {@link FaceIndexer} reports it.
 *
 * @param box        where the face is
 * @param leftEye    the image-left eye (the subject's right; see {@link io.jdeepface.face.align.FivePoints}),
 *                   or null when the detector gives no eyes
 * @param rightEye   the image-right eye, or null
 * @param confidence the detector's confidence
 * @param embedding  the face's embedding (copied); finite and not all zero
 */
public record IndexedFace(FaceBox box, Point leftEye, Point rightEye, float confidence, float[] embedding) {
    public IndexedFace {
        if (box == null) {
            throw new IllegalArgumentException("a face needs a box");
        }
        embedding = embedding.clone();
        boolean nonZero = false;
        for (float v : embedding) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("embedding contains NaN or infinite values");
            }
            nonZero |= v != 0;
        }
        if (!nonZero) {
            throw new IllegalArgumentException("embedding is empty or all zeros");
        }
    }

    @Override
    public float[] embedding() {
        return embedding.clone();
    }
}
