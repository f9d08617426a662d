/**
 * Face detection: an {@link io.jdeepface.face.image.Image} in, {@link io.jdeepface.face.detect.FaceBox}es
 * out, in the image's own pixels.
 *
 * <ul>
 *   <li>{@link io.jdeepface.face.detect.FaceDetector} is the interface; implementations are
 *       {@link io.jdeepface.face.detect.UltraFaceDetector} ({@code ultraface}),
 *       {@link io.jdeepface.face.detect.BlazeFaceDetector} ({@code blazeface-front},
 *       {@code blazeface-back}) and {@link io.jdeepface.face.detect.WholeImageDetector} ({@code skip}).
 *   <li>A detector does not run networks itself: it prepares the input tensor, hands it to a
 *       {@link io.jdeepface.face.detect.ModelRunner}, and decodes what comes back. The model-specific
 *       constants and arithmetic live in {@link io.jdeepface.face.detect.UltraFaceDecoder} and
 *       {@link io.jdeepface.face.detect.BlazeFaceDecoder}, each naming its sources.
 *   <li>The photo is letterboxed into the model's input ({@link io.jdeepface.face.detect.InputFit}),
 *       shrunk with area averaging, and boxes are mapped back exactly and clipped to the photo.
 *   <li>{@link io.jdeepface.face.detect.Nms} holds the hard and weighted non-maximum suppression
 *       all detectors share.
 * </ul>
 */
package io.jdeepface.face.detect;
