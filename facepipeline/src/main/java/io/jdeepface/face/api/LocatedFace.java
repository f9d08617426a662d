package io.jdeepface.face.api;

import io.jdeepface.face.align.FivePoints;
import io.jdeepface.face.align.Landmarks68;
import io.jdeepface.face.detect.FaceBox;
import io.jdeepface.face.image.Image;

/**
 * A face the facade found and cut out, before any model beyond the landmarks ran on it.
 *
 * @param box       the detector's box (the whole image when nothing was detected)
 * @param expanded  {@code box} enlarged by the expand percentage and clipped to the image
 * @param landmarks the 68 landmarks in image pixels
 * @param crop      the aligned 112×112 face, or the expanded box cut out when not aligning
 */
record LocatedFace(FaceBox box, FaceBox expanded, Landmarks68 landmarks, Image crop) {
    /** DeepFace's facial area: the expanded box, eyes named from the person's side. */
    FacialArea area() {
        FivePoints five = landmarks.toFivePoints();
        int x = (int) Math.round(expanded.x());
        int y = (int) Math.round(expanded.y());
        return new FacialArea(x, y, (int) Math.round(expanded.right()) - x, (int) Math.round(expanded.bottom()) - y,
                five.rightEye(), five.leftEye());
    }
}
