package io.jdeepface.face.image;

/**
 * A 2×3 affine transform {@code [[a, b, c], [d, e, f]]} mapping a point {@code (x, y)} to
 * {@code (a x + b y + c, d x + e y + f)}, in pixel-index coordinates (pixel (0, 0)'s centre is the
 * point (0, 0), as in OpenCV's {@code warpAffine}). The same row-major order as an OpenCV matrix
 * or a scikit-image {@code params[:2]}.
 */
public record AffineMatrix(double a, double b, double c, double d, double e, double f) {
    public static final AffineMatrix IDENTITY = new AffineMatrix(1, 0, 0, 0, 1, 0);

    public AffineMatrix {
        for (double v : new double[] {a, b, c, d, e, f}) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("affine matrix entries must be finite: " + this);
            }
        }
    }

    /** From six row-major values {@code {a, b, c, d, e, f}}. */
    public static AffineMatrix of(double... m) {
        if (m.length != 6) {
            throw new IllegalArgumentException("an affine matrix has 6 entries, got " + m.length);
        }
        return new AffineMatrix(m[0], m[1], m[2], m[3], m[4], m[5]);
    }

    /** Rotation by {@code degrees} counter-clockwise as seen on screen (y points down) about {@code (cx, cy)}, then scaling by {@code scale}; OpenCV's {@code getRotationMatrix2D}. */
    public static AffineMatrix rotation(double cx, double cy, double degrees, double scale) {
        double rad = Math.toRadians(degrees);
        double alpha = scale * Math.cos(rad);
        double beta = scale * Math.sin(rad);
        return new AffineMatrix(alpha, beta, (1 - alpha) * cx - beta * cy,
                -beta, alpha, beta * cx + (1 - alpha) * cy);
    }

    public double mapX(double x, double y) {
        return a * x + b * y + c;
    }

    public double mapY(double x, double y) {
        return d * x + e * y + f;
    }

    /** The transform undoing this one. */
    public AffineMatrix inverse() {
        double det = a * e - b * d;
        if (Math.abs(det) < 1e-12) {
            throw new IllegalArgumentException("affine matrix is not invertible (determinant " + det + "): " + this);
        }
        double ia = e / det;
        double ib = -b / det;
        double id = -d / det;
        double ie = a / det;
        return new AffineMatrix(ia, ib, -(ia * c + ib * f), id, ie, -(id * c + ie * f));
    }

    /** The row-major entries {@code {a, b, c, d, e, f}}. */
    public double[] toArray() {
        return new double[] {a, b, c, d, e, f};
    }
}
