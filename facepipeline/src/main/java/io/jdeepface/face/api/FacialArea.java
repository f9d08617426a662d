package io.jdeepface.face.api;

import io.jdeepface.face.align.Point;

/**
 * Where a face is, as DeepFace's {@code facial_area}: the box in whole pixels and the eye centres.
 *
 * <p><b>Eyes are named from the person's side</b>, as in DeepFace: {@code leftEye} is the person's
 * left eye, which in an ordinary photo is on the <em>image's right</em> (the {@code rightEye} of
 * {@link io.jdeepface.face.align.FivePoints}, which names them as seen).
 *
 * @param leftEye  the person's left eye in image pixels, null when unknown
 * @param rightEye the person's right eye, null when unknown
 */
public record FacialArea(int x, int y, int w, int h, Point leftEye, Point rightEye) {
    public FacialArea {
        if (w < 0 || h < 0) {
            throw new IllegalArgumentException("facial area size must not be negative, got " + w + "x" + h);
        }
    }

    @Override
    public String toString() {
        return w + "x" + h + " at (" + x + ", " + y + ")";
    }
}
