/**
 * Face alignment: {@link io.jdeepface.face.align.Landmarks68} → {@link io.jdeepface.face.align.FivePoints}
 * → least-squares {@link io.jdeepface.face.align.SimilarityTransform} onto an
 * {@link io.jdeepface.face.align.AlignmentTemplate} → the crop an embedder expects
 * ({@link io.jdeepface.face.align.FaceAligner}).
 *
 * <p>All coordinates are image pixel-index coordinates (pixel (0, 0)'s centre is the point (0, 0)),
 * the convention of {@link io.jdeepface.face.image.AffineMatrix} and OpenCV's {@code warpAffine}.
 * "Left" always means the image's left (the subject's right).
 */
package io.jdeepface.face.align;
