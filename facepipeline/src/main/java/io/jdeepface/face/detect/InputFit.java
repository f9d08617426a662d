package io.jdeepface.face.detect;

/**
 * How a detector fits a photo of any shape into its fixed input.
 *
 * <p>The reference pipelines stretch ({@code fr_detect.js} resizes to 320×240, keijiro's
 * BlazeFace samples the whole texture into the square); MediaPipe itself letterboxes. jdeepface
 * letterboxes by default. Measured with ONNX Runtime: on the face-api demo photos and DeepFace's
 * test photos both ways find the same faces with UltraFace, but on strongly non-4:3 photos
 * stretching squeezes faces out of shape and loses them (a 1920×380 strip through four faces of
 * face-api's sample6: stretched, UltraFace and BlazeFace-back find none; letterboxed, 4 and 3).
 * BlazeFace predicts square faces: stretched, its boxes and keypoints come back distorted by the
 * photo's aspect ratio (sample1: 256×171 boxes instead of 190×190) and its scores are lower.
 */
public enum InputFit {
    /** Keep the aspect ratio: scale to fit inside the input, centred, the rest black. */
    LETTERBOX,
    /** Scale each axis independently to fill the input (the reference pipelines' way). */
    STRETCH
}
