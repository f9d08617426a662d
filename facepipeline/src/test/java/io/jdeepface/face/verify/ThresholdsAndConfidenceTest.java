package io.jdeepface.face.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** The threshold table and the confidence curve. */
class ThresholdsAndConfidenceTest {

    @Test
    void defaultsHoldDeepFacesValues() {
        Thresholds t = Thresholds.defaults();
        assertEquals(0.68, t.require("ArcFace", DistanceMetric.COSINE));
        assertEquals(1.04, t.require("Facenet512", DistanceMetric.EUCLIDEAN_L2));
        assertEquals(0.36, t.require("SFace", DistanceMetric.ANGULAR));
        assertTrue(t.find("arcface", DistanceMetric.COSINE).isEmpty(), "names are case-sensitive, as in DeepFace");
        var unknown = assertThrows(IllegalArgumentException.class, () -> t.require("fr_feature", DistanceMetric.COSINE));
        assertTrue(unknown.getMessage().contains("ThresholdCalibration"), unknown.getMessage());
        Thresholds calibrated = t.with("fr_feature", DistanceMetric.COSINE, 0.62);
        assertEquals(0.62, calibrated.require("fr_feature", DistanceMetric.COSINE));
        assertTrue(t.find("fr_feature", DistanceMetric.COSINE).isEmpty(), "with() copies");
    }

    @Test
    void malformedThresholdFilesNameTheEntry() throws Exception {
        var notANumber = assertThrows(IllegalArgumentException.class, () -> load("m.cosine = lots"));
        assertTrue(notANumber.getMessage().contains("m.cosine"));
        assertThrows(IllegalArgumentException.class, () -> load("m.manhattan = 0.3"));
        assertThrows(IllegalArgumentException.class, () -> load("nodot = 0.3"));
        assertThrows(IllegalArgumentException.class, () -> load("m.angular = 1.5"));
        assertEquals(0.3, load("VGG-Face.v2.cosine = 0.3").require("VGG-Face.v2", DistanceMetric.COSINE));
    }

    private static Thresholds load(String text) throws Exception {
        return Thresholds.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void confidenceAnchors() {
        for (DistanceMetric m : DistanceMetric.values()) {
            for (double t : new double[] {0.05, 0.4, 0.68, 0.9}) {
                assertEquals(50, Confidence.of(t, t, m), 1e-12);
                assertTrue(Confidence.of(0, t, m) >= 99 - 1e-9, m + " " + t);
                if (Double.isFinite(m.maxDistance())) {
                    assertTrue(Confidence.of(m.maxDistance(), t, m) <= 1 + 1e-9, m + " " + t);
                }
            }
        }
        assertEquals(99, Confidence.of(0, 0.4, DistanceMetric.COSINE), 1e-9);
        assertEquals(1, Confidence.of(2, 1.13, DistanceMetric.EUCLIDEAN_L2), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> Confidence.of(0.3, 1.2, DistanceMetric.ANGULAR));
        assertThrows(IllegalArgumentException.class, () -> Confidence.of(0.3, 0, DistanceMetric.COSINE));
        assertThrows(IllegalArgumentException.class, () -> Confidence.of(Double.NaN, 0.4, DistanceMetric.COSINE));
    }

    @Property(tries = 500)
    void confidenceIsStrictlyDecreasingInTheDistance(@ForAll @DoubleRange(min = 0, max = 2) double d1,
                                                      @ForAll @DoubleRange(min = 0, max = 2) double d2,
                                                      @ForAll @DoubleRange(min = 0.02, max = 1.9) double threshold) {
        double lo = Math.min(d1, d2);
        double hi = Math.max(d1, d2);
        double cLo = Confidence.of(lo, threshold, DistanceMetric.COSINE);
        double cHi = Confidence.of(hi, threshold, DistanceMetric.COSINE);
        assertTrue(cLo >= cHi);
        // Strict wherever double precision can still tell the values apart from 0 and 100.
        if (hi - lo > 1e-6 && cLo < 100 - 1e-9 && cHi > 1e-9) {
            assertTrue(cLo > cHi, lo + " vs " + hi + " at threshold " + threshold);
        }
        assertTrue(cHi >= 0 && cLo <= 100);
        assertEquals(lo <= threshold, cLo >= 50);
    }
}
