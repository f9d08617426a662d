package io.jdeepface.face.align;

import io.jdeepface.face.image.AffineMatrix;
import io.jdeepface.face.image.Image;

/**
 * Aligns a face: fits the least-squares {@link SimilarityTransform} from the detected five points
 * to the template and warps the full-resolution photo with it into a square crop, in one
 * resampling step (cropping or resizing first would blur twice).
 */
public final class FaceAligner {
    private final AlignmentTemplate template;

    public FaceAligner(AlignmentTemplate template) {
        this.template = template;
    }

    /** An aligner for ArcFace-style embedders. */
    public static FaceAligner arcFace() {
        return new FaceAligner(AlignmentTemplate.ARCFACE_112);
    }

    public AlignmentTemplate template() {
        return template;
    }

    /**
     * An aligned face and the transform that produced it.
     *
     * @param face          the {@code size × size} crop
     * @param imageToFace   maps a point of the photo to the crop; its {@link AffineMatrix#inverse()}
     *                      maps crop points (e.g. landmarks found on the crop) back to the photo
     */
    public record Alignment(Image face, AffineMatrix imageToFace) {
    }

    /** The transform taking {@code points} (photo pixels) onto the template scaled to {@code size}. */
    public AffineMatrix transform(FivePoints points, int size) {
        return SimilarityTransform.fit(points, template.scaledTo(size).points());
    }

    /**
     * The {@code size × size} aligned crop of the face whose five points in {@code image} are
     * {@code points}. Parts of the crop outside the photo are black, as with OpenCV's default border.
     */
    public Alignment align(Image image, FivePoints points, int size) {
        AffineMatrix m = transform(points, size);
        return new Alignment(image.warpAffine(m, size, size), m);
    }

    /** {@link #align(Image, FivePoints, int)} at the template's own size (112 for ArcFace). */
    public Alignment align(Image image, FivePoints points) {
        return align(image, points, template.size());
    }
}
