package io.jdeepface.face.api;

import io.jdeepface.face.align.Landmarks68;
import io.jdeepface.face.attributes.AgeEstimate;
import io.jdeepface.face.attributes.EmotionEstimate;
import io.jdeepface.face.attributes.EyeState;
import io.jdeepface.face.attributes.GenderEstimate;
import io.jdeepface.face.attributes.HeadPose;

/**
 * One face of {@link DeepFace#analyze}. An attribute whose {@link Action} was not requested is null.
 *
 * @param region         where the face is (DeepFace's {@code region})
 * @param faceConfidence the detector's score, 0 when the face was not detected
 */
public record FaceAnalysis(FacialArea region, double faceConfidence, AgeEstimate age, GenderEstimate gender,
                           EmotionEstimate emotion, HeadPose pose, EyeState eyes, Landmarks68 landmarks) {
}
