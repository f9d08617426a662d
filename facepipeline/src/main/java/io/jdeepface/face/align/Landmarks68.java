package io.jdeepface.face.align;

/**
 * The 68 facial landmarks of the iBUG 300-W convention (0–16 jaw, 17–26 brows, 27–35 nose,
 * 36–41 image-left eye, 42–47 image-right eye, 48–67 mouth), as faceplugin's {@code fr_landmark}
 * model outputs them: {@code xy[2 i]}, {@code xy[2 i + 1]} is point {@code i} in image pixels.
 */
public record Landmarks68(float[] xy) {
    public static final int POINTS = 68;

    public Landmarks68 {
        if (xy.length != 2 * POINTS) {
            throw new IllegalArgumentException("68 landmarks need " + 2 * POINTS + " coordinates, got " + xy.length);
        }
        xy = xy.clone();
        for (int i = 0; i < xy.length; i++) {
            if (!Float.isFinite(xy[i])) {
                throw new IllegalArgumentException("landmark coordinate " + i + " is not finite: " + xy[i]);
            }
        }
    }

    @Override
    public float[] xy() {
        return xy.clone();
    }

    /** Landmark {@code i} (0-based). */
    public Point point(int i) {
        return new Point(xy[2 * i], xy[2 * i + 1]);
    }

    /**
     * The five alignment points exactly as faceplugin's {@code convert68pts5pts}: each eye is the
     * mean of its four eyelid points (36/39 and 42/45, the eye corners, are left out), the nose is
     * the tip (30), and each mouth corner is the mean of the outer (48, 54) and inner (60, 64) lip
     * corner.
     */
    public FivePoints toFivePoints() {
        return new FivePoints(
                Point.mean(point(37), point(38), point(40), point(41)),
                Point.mean(point(43), point(44), point(46), point(47)),
                point(30),
                Point.mean(point(48), point(60)),
                Point.mean(point(54), point(64)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Landmarks68 other && java.util.Arrays.equals(other.xy, xy);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(xy);
    }

    @Override
    public String toString() {
        return "Landmarks68" + java.util.Arrays.toString(xy);
    }
}
