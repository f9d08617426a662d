package io.jdeepface.face.api;

import io.jdeepface.face.image.Image;
import io.jdeepface.face.spoof.SpoofScore;
import java.util.Optional;

/**
 * One face of {@link DeepFace#extractFaces} (DeepFace's {@code extract_faces} entry). Not to be
 * confused with {@link io.jdeepface.face.embed.ExtractedFace}, the pipeline's internal record.
 *
 * @param face       the 112×112 aligned crop when aligning, else the (expanded) box cut out of
 *                   the image; gray values in all three channels when grayscale was asked for
 * @param facialArea where the face is (expanded by {@link FaceOptions#expandPercentage()})
 * @param confidence the detector's score, 0 when the face was not detected
 * @param spoof      the anti-spoofing verdict, empty unless {@link FaceOptions#antiSpoofing()} is on
 */
public record FaceCrop(Image face, FacialArea facialArea, double confidence, Optional<SpoofScore> spoof) {
    /** DeepFace's {@code is_real}; empty when anti-spoofing was off. */
    public Optional<Boolean> isReal() {
        return spoof.map(SpoofScore::isReal);
    }

    /** DeepFace's {@code antispoof_score}; empty when anti-spoofing was off. */
    public Optional<Double> antispoofScore() {
        return spoof.map(SpoofScore::score);
    }
}
