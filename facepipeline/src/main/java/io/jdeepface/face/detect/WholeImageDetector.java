package io.jdeepface.face.detect;

import io.jdeepface.face.image.Image;
import java.util.List;

/**
 * The {@code skip} detector: the whole image is the face, no keypoints. For inputs that are
 * already face crops. Score 0, as DeepFace's {@code detector_backend="skip"} reports confidence 0:
 * nothing was actually detected.
 */
public final class WholeImageDetector implements FaceDetector {
    @Override
    public List<FaceBox> detect(Image image) {
        return List.of(new FaceBox(0, 0, image.width(), image.height(), 0, null));
    }
}
