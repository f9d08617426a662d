package io.jdeepface.face.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.face.image.AffineMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The least-squares similarity fit: exact recovery, optimality under noise, no reflection, bad input. */
class SimilarityTransformTest {

    @Property(tries = 200)
    void recoversAKnownSimilarityExactly(@ForAll @DoubleRange(min = 0.05, max = 20) double scale,
                                         @ForAll @DoubleRange(min = -180, max = 180) double degrees,
                                         @ForAll @DoubleRange(min = -500, max = 500) double tx,
                                         @ForAll @DoubleRange(min = -500, max = 500) double ty,
                                         @ForAll @LongRange(min = 0, max = 1000) long seed) {
        double r = Math.toRadians(degrees);
        AffineMatrix truth = new AffineMatrix(scale * Math.cos(r), -scale * Math.sin(r), tx,
                scale * Math.sin(r), scale * Math.cos(r), ty);
        List<Point> source = randomPoints(new Random(seed), 5, 200);
        AffineMatrix fit = SimilarityTransform.fit(source, map(truth, source));
        double[] expected = truth.toArray();
        double[] actual = fit.toArray();
        for (int i = 0; i < 6; i++) {
            assertEquals(expected[i], actual[i], 1e-9 * (1 + Math.abs(expected[i])), "entry " + i);
        }
    }

    @Test
    void twoPointsAreMatchedExactly() {
        List<Point> source = List.of(new Point(10, 20), new Point(40, 25));
        List<Point> target = List.of(new Point(38.3, 51.7), new Point(73.5, 51.5));
        AffineMatrix m = SimilarityTransform.fit(source, target);
        assertEquals(0, SimilarityTransform.rmsError(m, source, target), 1e-12);
    }

    @Test
    void withNoiseTheFitSolvesTheNormalEquationsAndNoPerturbationImprovesIt() {
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            List<Point> source = randomPoints(random, 5 + trial % 4, 300);
            AffineMatrix truth = AffineMatrix.rotation(100, 80, random.nextDouble() * 360 - 180,
                    0.2 + random.nextDouble() * 2);
            List<Point> target = new ArrayList<>();
            for (Point p : map(truth, source)) {
                target.add(new Point(p.x() + random.nextGaussian() * 3, p.y() + random.nextGaussian() * 3));
            }
            AffineMatrix fit = SimilarityTransform.fit(source, target);

            double[] theta = normalEquationSolution(source, target);
            assertEquals(theta[0], fit.a(), 1e-9);
            assertEquals(theta[1], fit.d(), 1e-9);
            assertEquals(theta[2], fit.c(), 1e-6);
            assertEquals(theta[3], fit.f(), 1e-6);

            double best = sumOfSquares(fit.a(), fit.d(), fit.c(), fit.f(), source, target);
            for (int param = 0; param < 4; param++) {
                for (double step : new double[] {-1e-3, 1e-3}) {
                    double[] p = {fit.a(), fit.d(), fit.c(), fit.f()};
                    p[param] += param < 2 ? step : step * 100;
                    assertTrue(sumOfSquares(p[0], p[1], p[2], p[3], source, target) > best,
                            "perturbing parameter " + param + " by " + step + " improved the fit");
                }
            }
        }
    }

    @Test
    void neverReflectsEvenWhenTheBestAffineTransformWould() {
        // An asymmetric shape and its mirror image: an affine fit would reflect (det < 0) and be exact.
        List<Point> source = List.of(new Point(0, 0), new Point(10, 0), new Point(10, 4),
                new Point(3, 9), new Point(1, 5));
        List<Point> target = new ArrayList<>();
        for (Point p : source) {
            target.add(new Point(50 - 2 * p.x(), 20 + 2 * p.y()));
        }
        AffineMatrix fit = SimilarityTransform.fit(source, target);
        assertTrue(fit.a() * fit.e() - fit.b() * fit.d() > 0, "determinant must be positive: " + fit);
        assertEquals(fit.a(), fit.e(), 0);
        assertEquals(fit.b(), -fit.d(), 0);
        assertTrue(SimilarityTransform.rmsError(fit, source, target) > 1, "a similarity cannot mirror exactly");
        double[] theta = normalEquationSolution(source, target);
        assertEquals(theta[0], fit.a(), 1e-9);
        assertEquals(theta[1], fit.d(), 1e-9);
    }

    @Test
    void degenerateInputIsRejectedWithAClearMessage() {
        Point p = new Point(5, 5);
        List<Point> template = AlignmentTemplate.ARCFACE_112.points().toList();
        var coincident = assertThrows(IllegalArgumentException.class,
                () -> SimilarityTransform.fit(List.of(p, p, p, p, p), template));
        assertTrue(coincident.getMessage().contains("coincide"), coincident.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SimilarityTransform.fit(template, List.of(p, p, p, p, p)));
        assertThrows(IllegalArgumentException.class, () -> SimilarityTransform.fit(List.of(p), List.of(p)));
        assertThrows(IllegalArgumentException.class,
                () -> SimilarityTransform.fit(template, template.subList(0, 4)));
        var nan = assertThrows(IllegalArgumentException.class, () -> new Point(Double.NaN, 1));
        assertTrue(nan.getMessage().contains("finite"));
        // A square and its mirror image: every rotation fits equally badly.
        List<Point> square = List.of(new Point(1, 1), new Point(-1, 1), new Point(1, -1), new Point(-1, -1));
        List<Point> mirrored = List.of(new Point(-1, 1), new Point(1, 1), new Point(-1, -1), new Point(1, -1));
        assertThrows(IllegalArgumentException.class, () -> SimilarityTransform.fit(square, mirrored));
    }

    /** Least squares over (a, b, tx, ty) with x' = a x − b y + tx, y' = b x + a y + ty, by Gaussian elimination. */
    private static double[] normalEquationSolution(List<Point> source, List<Point> target) {
        double[][] ata = new double[4][4];
        double[] atq = new double[4];
        for (int i = 0; i < source.size(); i++) {
            double x = source.get(i).x();
            double y = source.get(i).y();
            double[][] rows = {{x, -y, 1, 0}, {y, x, 0, 1}};
            double[] q = {target.get(i).x(), target.get(i).y()};
            for (int r = 0; r < 2; r++) {
                for (int j = 0; j < 4; j++) {
                    atq[j] += rows[r][j] * q[r];
                    for (int k = 0; k < 4; k++) {
                        ata[j][k] += rows[r][j] * rows[r][k];
                    }
                }
            }
        }
        for (int col = 0; col < 4; col++) {
            int pivot = col;
            for (int r = col + 1; r < 4; r++) {
                if (Math.abs(ata[r][col]) > Math.abs(ata[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = ata[col];
            ata[col] = ata[pivot];
            ata[pivot] = t;
            double tq = atq[col];
            atq[col] = atq[pivot];
            atq[pivot] = tq;
            for (int r = 0; r < 4; r++) {
                if (r != col) {
                    double factor = ata[r][col] / ata[col][col];
                    for (int k = 0; k < 4; k++) {
                        ata[r][k] -= factor * ata[col][k];
                    }
                    atq[r] -= factor * atq[col];
                }
            }
        }
        double[] theta = new double[4];
        for (int i = 0; i < 4; i++) {
            theta[i] = atq[i] / ata[i][i];
        }
        return theta;
    }

    private static double sumOfSquares(double a, double b, double tx, double ty, List<Point> source, List<Point> target) {
        return Math.pow(SimilarityTransform.rmsError(new AffineMatrix(a, -b, tx, b, a, ty), source, target), 2);
    }

    static List<Point> randomPoints(Random random, int n, double extent) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            points.add(new Point(random.nextDouble() * extent, random.nextDouble() * extent));
        }
        return points;
    }

    static List<Point> map(AffineMatrix m, List<Point> points) {
        return points.stream().map(p -> new Point(m.mapX(p.x(), p.y()), m.mapY(p.x(), p.y()))).toList();
    }
}
