package io.jdeepface.face.align;

import java.util.List;

/**
 * The five facial points a similarity alignment needs, in image pixel-index coordinates.
 *
 * <p><b>"Left" and "right" are as seen in the image</b>: {@code leftEye} is the eye with the smaller
 * x in an upright face, which is the subject's own right eye. This is the order of the 68-point
 * iBUG convention (points 36–41 are the image-left eye), of InsightFace/RetinaFace keypoints and of
 * the ArcFace template ({@link AlignmentTemplate#ARCFACE_112} starts with the eye at x = 38.3).
 * Careful when producing DeepFace-style output: DeepFace's {@code facial_area.left_eye} is the
 * subject's left eye, i.e. our {@code rightEye}.
 */
public record FivePoints(Point leftEye, Point rightEye, Point nose, Point leftMouth, Point rightMouth) {
    public FivePoints {
        if (leftEye == null || rightEye == null || nose == null || leftMouth == null || rightMouth == null) {
            throw new IllegalArgumentException("all five points are required");
        }
    }

    /** From ten values {@code x0, y0, x1, y1, ...} in the order of the record components. */
    public static FivePoints of(double... xy) {
        if (xy.length != 10) {
            throw new IllegalArgumentException("five points need 10 coordinates, got " + xy.length);
        }
        return new FivePoints(new Point(xy[0], xy[1]), new Point(xy[2], xy[3]), new Point(xy[4], xy[5]),
                new Point(xy[6], xy[7]), new Point(xy[8], xy[9]));
    }

    /** The points in component order. */
    public List<Point> toList() {
        return List.of(leftEye, rightEye, nose, leftMouth, rightMouth);
    }

    /** {@code x0, y0, x1, y1, ...} in component order. */
    public double[] toArray() {
        double[] xy = new double[10];
        List<Point> points = toList();
        for (int i = 0; i < 5; i++) {
            xy[2 * i] = points.get(i).x();
            xy[2 * i + 1] = points.get(i).y();
        }
        return xy;
    }
}
