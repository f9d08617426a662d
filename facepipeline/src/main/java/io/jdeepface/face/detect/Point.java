package io.jdeepface.face.detect;

/** A position in image pixels: {@code x} to the right, {@code y} down, (0, 0) the top-left corner of the image. */
public record Point(double x, double y) {
    public Point {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("point coordinates must be finite, got (" + x + ", " + y + ")");
        }
    }
}
