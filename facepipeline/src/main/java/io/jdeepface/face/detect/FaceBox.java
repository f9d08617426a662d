package io.jdeepface.face.detect;

/**
 * One detected face: an axis-aligned box in the pixels of the image given to the detector, its
 * confidence, and the keypoints when the detector predicts them.
 *
 * <p>Coordinates are continuous: the image covers {@code [0, width] × [0, height]} and pixel
 * {@code (i, j)} the unit square at {@code (i, j)}. Detectors return boxes clipped to the image,
 * so {@code 0 <= x}, {@code x + width <= image width}, and the same vertically.
 *
 * @param score     the detector's confidence in [0, 1]
 * @param keypoints null when the detector gives none (UltraFace, the whole-image detector)
 */
public record FaceBox(double x, double y, double width, double height, double score, FaceKeypoints keypoints) {
    public FaceBox {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !(width >= 0) || !(height >= 0)
                || !Double.isFinite(width) || !Double.isFinite(height)) {
            throw new IllegalArgumentException("a face box needs finite coordinates and a non-negative size, got "
                    + width + "x" + height + " at (" + x + ", " + y + ")");
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1], got " + score);
        }
    }

    /** A box from its corners. */
    public static FaceBox ofCorners(double x1, double y1, double x2, double y2, double score, FaceKeypoints keypoints) {
        return new FaceBox(x1, y1, Math.max(0, x2 - x1), Math.max(0, y2 - y1), score, keypoints);
    }

    public double right() {
        return x + width;
    }

    public double bottom() {
        return y + height;
    }

    public double centerX() {
        return x + width / 2;
    }

    public double centerY() {
        return y + height / 2;
    }

    public double area() {
        return width * height;
    }

    public boolean hasKeypoints() {
        return keypoints != null;
    }

    /** Intersection over union with {@code other}; 0 when either box is empty. */
    public double iou(FaceBox other) {
        double iw = Math.min(right(), other.right()) - Math.max(x, other.x);
        double ih = Math.min(bottom(), other.bottom()) - Math.max(y, other.y);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        return inter / (area() + other.area() - inter);
    }

    /** This box cut to the {@code imageWidth × imageHeight} image (keypoints unchanged). */
    public FaceBox clippedTo(int imageWidth, int imageHeight) {
        double x1 = clamp(x, imageWidth);
        double y1 = clamp(y, imageHeight);
        double x2 = clamp(right(), imageWidth);
        double y2 = clamp(bottom(), imageHeight);
        return ofCorners(x1, y1, x2, y2, score, keypoints);
    }

    /**
     * The square of side {@link #height} centred on this box, clipped to the image: the face crop
     * faceplugin's own pipeline passes on to its landmark model ({@code scaleResult} in
     * {@code fr_detect.js}; UltraFace boxes are taller than wide, so this widens them).
     */
    public FaceBox squareOnHeight(int imageWidth, int imageHeight) {
        double half = height / 2;
        return ofCorners(centerX() - half, centerY() - half, centerX() + half, centerY() + half, score, keypoints)
                .clippedTo(imageWidth, imageHeight);
    }

    private static double clamp(double v, int max) {
        return Math.min(Math.max(v, 0), max);
    }
}
