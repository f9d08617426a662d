package io.jdeepface.face.embed;

import io.jdeepface.face.align.FaceAligner;
import io.jdeepface.face.align.Landmarks68;
import io.jdeepface.face.detect.FaceBox;

/**
 * One face found and aligned in a photo, ready for a {@link FaceEmbedder}.
 *
 * @param box       the detector's box in photo pixels (the whole photo when {@code detected} is false)
 * @param detected  false when the detector found no face and the whole photo was used instead
 * @param landmarks the 68 landmarks in photo pixels
 * @param alignment the 112×112 aligned crop and the photo→crop transform
 */
public record ExtractedFace(FaceBox box, boolean detected, Landmarks68 landmarks, FaceAligner.Alignment alignment) {
}
