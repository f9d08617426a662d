package io.jdeepface.face.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** DeepFace's four distances: known values, awkward lengths, invariances and bad input. */
class DistanceMetricTest {

    @Test
    void knownValues() {
        float[] x = {1, 0};
        float[] y = {0, 1};
        float[] minusX = {-1, 0};
        assertEquals(1, DistanceMetric.COSINE.distance(x, y), 1e-15);
        assertEquals(Math.sqrt(2), DistanceMetric.EUCLIDEAN.distance(x, y), 1e-15);
        assertEquals(Math.sqrt(2), DistanceMetric.EUCLIDEAN_L2.distance(x, y), 1e-15);
        assertEquals(0.5, DistanceMetric.ANGULAR.distance(x, y), 1e-15);
        assertEquals(2, DistanceMetric.COSINE.distance(x, minusX), 1e-15);
        assertEquals(2, DistanceMetric.EUCLIDEAN_L2.distance(x, minusX), 1e-15);
        assertEquals(1, DistanceMetric.ANGULAR.distance(x, minusX), 1e-15);
        float[] v = {3, 4};
        for (DistanceMetric m : DistanceMetric.values()) {
            assertEquals(0, m.distance(v, v), 1e-15, m.name());
        }
        // 60 degrees apart: cosine 0.5, angular 1/3.
        float[] sixty = {0.5f, (float) Math.sqrt(0.75)};
        assertEquals(0.5, DistanceMetric.COSINE.distance(x, sixty), 1e-7);
        assertEquals(1.0 / 3, DistanceMetric.ANGULAR.distance(x, sixty), 1e-7);
    }

    @Test
    void exactOnAwkwardLengthsAgainstANaiveDoubleLoop() {
        Random random = new Random(11);
        for (int n = 1; n <= 37; n++) {
            float[] a = new float[n];
            float[] b = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = (float) random.nextGaussian();
                b[i] = (float) random.nextGaussian();
            }
            double ab = 0, aa = 0, bb = 0, dd = 0;
            for (int i = 0; i < n; i++) {
                ab += (double) a[i] * b[i];
                aa += (double) a[i] * a[i];
                bb += (double) b[i] * b[i];
                dd += ((double) a[i] - b[i]) * ((double) a[i] - b[i]);
            }
            double cos = ab / Math.sqrt(aa * bb);
            double l2 = 0;
            for (int i = 0; i < n; i++) {
                double d = a[i] / Math.sqrt(aa) - b[i] / Math.sqrt(bb);
                l2 += d * d;
            }
            assertEquals(1 - cos, DistanceMetric.COSINE.distance(a, b), 1e-12, "n=" + n);
            assertEquals(Math.sqrt(dd), DistanceMetric.EUCLIDEAN.distance(a, b), 1e-12, "n=" + n);
            assertEquals(Math.sqrt(l2), DistanceMetric.EUCLIDEAN_L2.distance(a, b), 1e-7, "n=" + n);
            assertEquals(Math.acos(cos) / Math.PI, DistanceMetric.ANGULAR.distance(a, b), 1e-7, "n=" + n);
        }
    }

    @Test
    void normBasedMetricsIgnoreLengthAndFromDotGivesIdenticalResults() {
        Random random = new Random(5);
        float[] a = new float[513];
        float[] b = new float[513];
        float[] b3 = new float[513];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextGaussian();
            b[i] = (float) random.nextGaussian();
            b3[i] = b[i] * 4; // a power of two: exact scaling
        }
        for (DistanceMetric m : DistanceMetric.values()) {
            if (m.usesNorms()) {
                assertEquals(m.distance(a, b), m.distance(a, b3), 1e-12, m.name());
                double viaDots = m.fromDot(VectorMath.dot(a, 0, b, 0, 513), VectorMath.dot(a, 0, a, 0, 513),
                        VectorMath.dot(b, 0, b, 0, 513));
                assertEquals(m.distance(a, b), viaDots, 0, m.name());
            }
        }
    }

    @Test
    void badInputIsRejected() {
        var mismatch = assertThrows(IllegalArgumentException.class,
                () -> DistanceMetric.COSINE.distance(new float[512], new float[128]));
        assertTrue(mismatch.getMessage().contains("512 and 128"));
        for (DistanceMetric m : DistanceMetric.values()) {
            assertThrows(IllegalArgumentException.class, () -> m.distance(new float[] {1, Float.NaN}, new float[] {1, 2}));
            assertThrows(IllegalArgumentException.class,
                    () -> m.distance(new float[] {1, Float.POSITIVE_INFINITY}, new float[] {1, 2}));
            if (m.usesNorms()) {
                assertThrows(IllegalArgumentException.class, () -> m.distance(new float[2], new float[] {1, 2}));
            }
        }
    }

    @Test
    void parsesDeepFaceNames() {
        assertEquals(DistanceMetric.EUCLIDEAN_L2, DistanceMetric.fromName("euclidean_l2"));
        assertEquals(DistanceMetric.ANGULAR, DistanceMetric.fromName(" Angular "));
        assertThrows(IllegalArgumentException.class, () -> DistanceMetric.fromName("manhattan"));
    }

    @Test
    void embeddingNormalisesAndRefusesToMixModels() {
        Embedding e = new Embedding(new float[] {3, 4}, "ArcFace", false);
        Embedding unit = e.l2Normalized();
        assertTrue(unit.normalized());
        assertEquals(0.6f, unit.values()[0], 1e-7);
        assertEquals(0.8f, unit.values()[1], 1e-7);
        assertEquals(unit, unit.l2Normalized());
        assertEquals(0, e.distanceTo(unit, DistanceMetric.COSINE), 1e-7);
        assertThrows(IllegalArgumentException.class,
                () -> e.distanceTo(new Embedding(new float[] {3, 4}, "SFace", false), DistanceMetric.COSINE));
        assertThrows(IllegalArgumentException.class, () -> new Embedding(new float[2], "m", false).l2Normalized());
        assertThrows(IllegalArgumentException.class, () -> new Embedding(new float[] {Float.NaN}, "m", false));
        float[] values = {1, 2};
        Embedding copy = new Embedding(values, "m", false);
        values[0] = 9;
        assertEquals(1, copy.values()[0]);
    }
}
