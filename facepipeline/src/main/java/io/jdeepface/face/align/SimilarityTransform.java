package io.jdeepface.face.align;

import io.jdeepface.face.image.AffineMatrix;
import java.util.List;

/**
 * The least-squares similarity transform (rotation, uniform scale, translation; never a
 * reflection) taking source points onto target points.
 *
 * <p>This is Umeyama's (1991) estimate, which scikit-image's {@code SimilarityTransform.estimate}
 * and InsightFace's alignment use. In two dimensions it has a closed form without an SVD: a
 * similarity without reflection maps {@code p} to {@code z·p + t} with {@code p} read as a complex
 * number and {@code z = a + ib} (scale {@code |z|}, angle {@code arg z}). Minimising
 * {@code Σ |z·p_i + t − q_i|²} is then linear least squares: {@code t} makes the centroids
 * coincide, and with centred points {@code z = Σ conj(p_i)·q_i / Σ |p_i|²}. Because every such
 * {@code z} is a rotation times a scale, the result can never reflect, even when the best general
 * affine transform would (Umeyama's sign correction of the SVD handles the same case).
 *
 * <p>With two points the fit is exact. faceplugin's JavaScript instead solves an affine transform
 * from three of the five points ({@code cv.getAffineTransform}), which may shear and ignores the
 * mouth corners' agreement; the least-squares fit on all five points aligns more consistently.
 */
public final class SimilarityTransform {
    /** Source points closer together than this (RMS distance to their centroid, pixels) are degenerate. */
    static final double MIN_SPREAD = 1e-6;

    private SimilarityTransform() {
    }

    /**
     * The least-squares similarity taking each {@code source[i]} to {@code target[i]}.
     *
     * @throws IllegalArgumentException when the lists differ in length, hold fewer than two points,
     *     or the source or target points all (nearly) coincide
     */
    public static AffineMatrix fit(List<Point> source, List<Point> target) {
        int n = source.size();
        if (n != target.size()) {
            throw new IllegalArgumentException("need as many target as source points, got "
                    + n + " and " + target.size());
        }
        if (n < 2) {
            throw new IllegalArgumentException("a similarity transform needs at least 2 point pairs, got " + n);
        }
        double sx = 0, sy = 0, tx = 0, ty = 0;
        for (int i = 0; i < n; i++) {
            sx += source.get(i).x();
            sy += source.get(i).y();
            tx += target.get(i).x();
            ty += target.get(i).y();
        }
        sx /= n;
        sy /= n;
        tx /= n;
        ty /= n;
        double dot = 0;   // Re Σ conj(p) q
        double cross = 0; // Im Σ conj(p) q
        double sourceSpread = 0;
        double targetSpread = 0;
        for (int i = 0; i < n; i++) {
            double px = source.get(i).x() - sx;
            double py = source.get(i).y() - sy;
            double qx = target.get(i).x() - tx;
            double qy = target.get(i).y() - ty;
            dot += px * qx + py * qy;
            cross += px * qy - py * qx;
            sourceSpread += px * px + py * py;
            targetSpread += qx * qx + qy * qy;
        }
        if (!(sourceSpread / n >= MIN_SPREAD * MIN_SPREAD)) {
            throw new IllegalArgumentException("source points all coincide (RMS spread "
                    + Math.sqrt(sourceSpread / n) + " px): no rotation or scale can be estimated from " + source);
        }
        if (!(targetSpread / n >= MIN_SPREAD * MIN_SPREAD)) {
            throw new IllegalArgumentException("target points all coincide: a similarity onto them would have scale 0");
        }
        // |Σ conj(p) q| / sqrt(Σ|p|² Σ|q|²) is 1 for an exact similarity and 0 when none fits at all.
        if (Math.hypot(dot, cross) <= 1e-12 * Math.sqrt(sourceSpread * targetSpread)) {
            // E.g. a source square mapped onto its mirror image: no rotation is better than any other.
            throw new IllegalArgumentException("the best similarity has scale 0: the target points are not a"
                    + " rotated, scaled copy of the source points in any orientation");
        }
        double a = dot / sourceSpread;
        double b = cross / sourceSpread;
        // x' = a x − b y + c, y' = b x + a y + f, with (c, f) moving the source centroid onto the target's.
        return new AffineMatrix(a, -b, tx - (a * sx - b * sy), b, a, ty - (b * sx + a * sy));
    }

    /** {@link #fit(List, List)} for five-point sets. */
    public static AffineMatrix fit(FivePoints source, FivePoints target) {
        return fit(source.toList(), target.toList());
    }

    /** Root-mean-square distance between the mapped source points and the targets, in target units. */
    public static double rmsError(AffineMatrix m, List<Point> source, List<Point> target) {
        if (source.size() != target.size() || source.isEmpty()) {
            throw new IllegalArgumentException("need equally many (and some) source and target points");
        }
        double sum = 0;
        for (int i = 0; i < source.size(); i++) {
            Point p = source.get(i);
            double dx = m.mapX(p.x(), p.y()) - target.get(i).x();
            double dy = m.mapY(p.x(), p.y()) - target.get(i).y();
            sum += dx * dx + dy * dy;
        }
        return Math.sqrt(sum / source.size());
    }
}
