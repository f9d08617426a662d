package io.jdeepface.face.store;

/** A face's bounding box in the image it was found in, in pixels (DeepFace's facial_area x, y, w, h). */
public record FaceBox(float x, float y, float width, float height) {
    public FaceBox {
        if (!Float.isFinite(x) || !Float.isFinite(y) || !(width >= 0) || !(height >= 0)
                || !Float.isFinite(width) || !Float.isFinite(height)) {
            throw new IllegalArgumentException("face box must be finite with non-negative size: "
                    + x + ", " + y + ", " + width + "x" + height);
        }
    }
}
