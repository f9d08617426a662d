package io.jdeepface.face.align;

/**
 * Where the five points should land in an aligned face crop of {@code size × size} pixels.
 *
 * @param points the target points, in the crop's pixel-index coordinates
 * @param size   the side of the square crop the points refer to
 */
public record AlignmentTemplate(FivePoints points, int size) {
    /**
     * The ArcFace / InsightFace 112×112 template ({@code REFERENCE_FACIAL_POINTS} of faceplugin's
     * {@code fr_feature.js}, {@code arcface_dst} of InsightFace), the crop ArcFace-family embedders
     * (including faceplugin's {@code fr_feature}) were trained on.
     */
    public static final AlignmentTemplate ARCFACE_112 = new AlignmentTemplate(FivePoints.of(
            38.29459953, 51.69630051,
            73.53179932, 51.50139999,
            56.02519989, 71.73660278,
            41.54930115, 92.3655014,
            70.72990036, 92.20410156), 112);

    public AlignmentTemplate {
        if (size <= 0) {
            throw new IllegalArgumentException("template size must be positive, got " + size);
        }
    }

    /**
     * The same template for a {@code newSize × newSize} crop: every coordinate scaled by
     * {@code newSize / size}, so the face fills the crop in the same proportion.
     */
    public AlignmentTemplate scaledTo(int newSize) {
        if (newSize == size) {
            return this;
        }
        if (newSize <= 0) {
            throw new IllegalArgumentException("crop size must be positive, got " + newSize);
        }
        double s = (double) newSize / size;
        double[] xy = points.toArray();
        for (int i = 0; i < xy.length; i++) {
            xy[i] *= s;
        }
        return new AlignmentTemplate(FivePoints.of(xy), newSize);
    }
}
