package io.jdeepface.face.api;

/**
 * One face's embedding, as an entry of DeepFace's {@code represent} result.
 *
 * @param embedding      the model's vector (L2-normalised for {@code arcface-512}); a copy on every access
 * @param facialArea     where the face is
 * @param faceConfidence the detector's score, 0 when the face was not detected (whole image, or detector {@code skip})
 */
public record Representation(float[] embedding, FacialArea facialArea, double faceConfidence) {
    public Representation {
        embedding = embedding.clone();
    }

    @Override
    public float[] embedding() {
        return embedding.clone();
    }
}
