package io.jdeepface.face.detect;

import java.util.Objects;

/**
 * Six facial keypoints in original-image pixels, as BlazeFace gives them.
 *
 * <p><b>Left and right are the person's own</b>, as in DeepFace ("with respect to the person
 * instead of observer"): in an ordinary, non-mirrored photo of someone facing the camera the
 * {@link #rightEye} is on the <em>image's left</em> side. MediaPipe uses the same convention
 * (its keypoint 0 is the right eye); keijiro's {@code Detection.leftEye} is the same point named
 * from the observer's side.
 *
 * <p>Keypoints are the model's estimate and may lie outside the image when the face is cut by
 * the border (an ear usually); the aligner warps, so it copes.
 */
public record FaceKeypoints(Point rightEye, Point leftEye, Point nose, Point mouth, Point rightEar, Point leftEar) {
    public FaceKeypoints {
        Objects.requireNonNull(rightEye, "rightEye");
        Objects.requireNonNull(leftEye, "leftEye");
        Objects.requireNonNull(nose, "nose");
        Objects.requireNonNull(mouth, "mouth");
        Objects.requireNonNull(rightEar, "rightEar");
        Objects.requireNonNull(leftEar, "leftEar");
    }
}
