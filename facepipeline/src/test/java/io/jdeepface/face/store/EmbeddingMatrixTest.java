package io.jdeepface.face.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jdeepface.face.verify.DistanceMetric;
import io.jdeepface.face.verify.VectorMath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast search must give exactly the brute-force answer: every row's double-precision distance,
 * sorted, ties to the lower row, cut at the threshold and at k.
 */
class EmbeddingMatrixTest {

    /** The reference: distances of all rows in plain scalar code, then a full sort. */
    private static List<Neighbor> bruteForce(float[] values, int dim, float[] q, DistanceMetric metric, int k,
                                             double threshold) {
        List<Neighbor> all = new ArrayList<>();
        for (int r = 0; r < values.length / dim; r++) {
            double d = metric.usesNorms()
                    ? metric.fromDot(VectorMath.dot(q, 0, values, r * dim, dim), VectorMath.dot(q, 0, q, 0, dim),
                            VectorMath.dot(values, r * dim, values, r * dim, dim))
                    : metric.distance(q, 0, values, r * dim, dim);
            if (d <= threshold) {
                all.add(new Neighbor(r, d));
            }
        }
        all.sort(Comparator.comparingDouble(Neighbor::distance).thenComparingInt(Neighbor::row));
        return all.subList(0, Math.min(k, all.size()));
    }

    private static float[] gaussian(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }

    private static void check(float[] values, int dim, float[] q, int k, double threshold) {
        EmbeddingMatrix m = new EmbeddingMatrix(values, dim);
        for (DistanceMetric metric : DistanceMetric.values()) {
            assertEquals(bruteForce(values, dim, q, metric, k, threshold), m.nearest(q, metric, k, threshold),
                    () -> metric + " rows=" + values.length / dim + " dim=" + dim + " k=" + k + " threshold=" + threshold);
        }
    }

    @Test
    void awkwardSizesGiveTheBruteForceAnswer() {
        Random rnd = new Random(11);
        for (int dim : new int[] {1, 3, 13, 17, 31, 512, 515}) {
            for (int rows : new int[] {1, 3, 13, 17, 255, 257, 1000}) {
                float[] values = gaussian(rnd, rows * dim);
                float[] q = gaussian(rnd, dim);
                for (int k : new int[] {1, 3, 10, 40, 2000}) {
                    check(values, dim, q, k, Double.POSITIVE_INFINITY);
                }
                check(values, dim, q, 5, 0.9); // some rows cut by the threshold
                check(values, dim, q, 5, -1); // none pass
            }
        }
    }

    @Test
    void largeMatricesAreScannedInParallelAndStayExact() {
        Random rnd = new Random(12);
        int dim = 512;
        int rows = 9001; // above the parallel threshold, not a multiple of the block
        float[] values = gaussian(rnd, rows * dim);
        for (int trial = 0; trial < 3; trial++) {
            check(values, dim, gaussian(rnd, dim), 10, Double.POSITIVE_INFINITY);
        }
        // A query equal to a stored row (distance 0, where the metrics clamp).
        check(values, dim, java.util.Arrays.copyOfRange(values, 77 * dim, 78 * dim), 10, Double.POSITIVE_INFINITY);
    }

    @Test
    void nearDuplicatesAllBecomeCandidatesAndStayExact() {
        Random rnd = new Random(13);
        int dim = 64;
        int rows = 500;
        float[] base = gaussian(rnd, dim);
        float[] values = new float[rows * dim];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < dim; i++) {
                // Rows differ by far less than the float error bound, and many are exact copies.
                values[r * dim + i] = base[i] * (1 + (r % 7) * 1e-7f);
            }
        }
        float[] q = base.clone();
        q[0] += 0.5f;
        for (int k : new int[] {1, 10, 100}) {
            check(values, dim, q, k, Double.POSITIVE_INFINITY);
        }
    }

    @Test
    void zeroRowsAndZeroQueriesFailAsTheDistanceDoes() {
        float[] values = {1, 0, 0, 0, 0, 0};
        EmbeddingMatrix m = new EmbeddingMatrix(values, 3);
        assertThrows(IllegalArgumentException.class, () -> m.nearest(new float[] {1, 0, 0}, DistanceMetric.COSINE, 2, 5));
        assertThrows(IllegalArgumentException.class, () -> m.nearest(new float[3], DistanceMetric.COSINE, 2, 5));
        assertEquals(List.of(new Neighbor(1, 1.0), new Neighbor(0, Math.sqrt(2))),
                m.nearest(new float[] {0, 1, 0}, DistanceMetric.EUCLIDEAN, 2, 5));
    }

    @Test
    void badArgumentsAreRejected() {
        EmbeddingMatrix m = new EmbeddingMatrix(new float[] {1, 2, 3, 4}, 2);
        assertThrows(IllegalArgumentException.class, () -> m.nearest(new float[3], DistanceMetric.COSINE, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> m.nearest(new float[2], DistanceMetric.COSINE, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> m.nearest(new float[2], DistanceMetric.COSINE, 1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new EmbeddingMatrix(new float[5], 2));
        assertEquals(List.of(), new EmbeddingMatrix(new float[0], 0).nearest(new float[0], DistanceMetric.COSINE, 3, 1));
    }

    @Test
    void int8CosinesStayWithinTheirProvenBound() {
        Random rnd = new Random(14);
        for (int dim : new int[] {1, 3, 17, 512}) {
            int rows = 300;
            float[] values = gaussian(rnd, rows * dim);
            values[5 % values.length] = 40; // one row with an outlier component: a coarse scale
            double[] norms = new double[rows];
            for (int r = 0; r < rows; r++) {
                norms[r] = VectorMath.dot(values, r * dim, values, r * dim, dim);
            }
            Int8Rows codes = new Int8Rows(values, dim, norms);
            for (int trial = 0; trial < 5; trial++) {
                float[] q = gaussian(rnd, dim);
                double qn = Math.sqrt(VectorMath.dot(q, 0, q, 0, dim));
                float[] unit = new float[dim];
                for (int i = 0; i < dim; i++) {
                    unit[i] = (float) (q[i] / qn);
                }
                float[] dots = new float[rows];
                RowDots.best().dots(codes.codes, dim, unit, 0, rows, dots);
                for (int r = 0; r < rows; r++) {
                    double exact = VectorMath.dot(q, 0, values, r * dim, dim) / (qn * Math.sqrt(norms[r]));
                    double approx = dots[r] * codes.cosineScale[r];
                    double err = Math.abs(approx - exact);
                    int row = r;
                    org.junit.jupiter.api.Assertions.assertTrue(err <= codes.errorBound[r],
                            () -> "row " + row + " dim " + dim + ": error " + err + " > bound " + codes.errorBound[row]);
                }
            }
        }
    }

    @Test
    void vectorAndScalarRowDotsAgree() {
        Random rnd = new Random(15);
        for (int dim : new int[] {1, 7, 16, 31, 32, 33, 64, 100, 512}) {
            int rows = 9;
            byte[] codes = new byte[rows * dim];
            rnd.nextBytes(codes);
            float[] q = gaussian(rnd, dim);
            float[] a = new float[rows];
            float[] b = new float[rows];
            new RowDots.ScalarRowDots().dots(codes, dim, q, 0, rows, a);
            RowDots.best().dots(codes, dim, q, 2, rows, b);
            for (int r = 2; r < rows; r++) {
                double exact = 0;
                for (int i = 0; i < dim; i++) {
                    exact += codes[r * dim + i] * (double) q[i];
                }
                assertEquals(exact, a[r], 1e-4 * dim * 127, "scalar row " + r + " dim " + dim);
                assertEquals(exact, b[r - 2], 1e-4 * dim * 127, "best row " + r + " dim " + dim);
            }
        }
    }
}
