package io.jdeepface.face.align;

/** A point in image pixel-index coordinates: pixel (0, 0)'s centre is (0, 0), x to the right, y down. */
public record Point(double x, double y) {
    public Point {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("point coordinates must be finite, got (" + x + ", " + y + ")");
        }
    }

    /** The midpoint of {@code points}, summed in the order given. */
    static Point mean(Point... points) {
        double sx = 0;
        double sy = 0;
        for (Point p : points) {
            sx += p.x;
            sy += p.y;
        }
        return new Point(sx / points.length, sy / points.length);
    }
}
