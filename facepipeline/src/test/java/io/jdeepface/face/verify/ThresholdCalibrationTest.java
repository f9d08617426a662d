package io.jdeepface.face.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Threshold choice and evaluation on score sets with known answers. */
class ThresholdCalibrationTest {

    private static LabelledDistances pairs(double[] same, double[] different) {
        double[] d = new double[same.length + different.length];
        boolean[] s = new boolean[d.length];
        for (int i = 0; i < same.length; i++) {
            d[i] = same[i];
            s[i] = true;
        }
        System.arraycopy(different, 0, d, same.length, different.length);
        return new LabelledDistances(d, s);
    }

    @Test
    void perfectlySeparable() {
        LabelledDistances p = pairs(new double[] {0.3, 0.1, 0.2}, new double[] {0.8, 0.7});
        assertEquals(1, ThresholdCalibration.rocAuc(p));
        var best = ThresholdCalibration.bestThreshold(p);
        assertEquals(0.5, best.threshold(), 1e-15);
        assertEquals(1, best.accuracy());
        assertEquals(1, ThresholdCalibration.tarAtFar(p, 1e-3).tar());
    }

    @Test
    void reversed() {
        LabelledDistances p = pairs(new double[] {0.8, 0.7}, new double[] {0.3, 0.1, 0.2});
        assertEquals(0, ThresholdCalibration.rocAuc(p));
        var best = ThresholdCalibration.bestThreshold(p); // accept nothing: the 3 different pairs are right
        assertEquals(0.6, best.accuracy(), 1e-15);
        assertTrue(best.threshold() < 0.1);
        assertEquals(0, ThresholdCalibration.tarAtFar(p, 0.1).tar());
    }

    @Test
    void tiesCountHalf() {
        LabelledDistances allTied = pairs(new double[] {0.5, 0.5}, new double[] {0.5, 0.5, 0.5});
        assertEquals(0.5, ThresholdCalibration.rocAuc(allTied));
        // A threshold cannot split a tie: either all five accepted or none.
        assertEquals(0.6, ThresholdCalibration.bestThreshold(allTied).accuracy(), 1e-15);
        // Same {0.1, 0.5}, different {0.5, 0.9}: (1 + 1 + 0.5 + 1) / 4 combinations.
        assertEquals(0.875, ThresholdCalibration.rocAuc(pairs(new double[] {0.1, 0.5}, new double[] {0.5, 0.9})));
    }

    @Property(tries = 200)
    void aucMatchesBruteForceAndBestThresholdIsOptimal(@ForAll @LongRange(min = 0, max = 100000) long seed,
                                                       @ForAll @IntRange(min = 2, max = 60) int n) {
        Random random = new Random(seed);
        double[] d = new double[n];
        boolean[] s = new boolean[n];
        for (int i = 0; i < n; i++) {
            s[i] = i % 2 == 0 || random.nextBoolean();
            // Few distinct values, so ties are common.
            d[i] = Math.round((random.nextGaussian() + (s[i] ? 0 : 1)) * 4) / 4.0;
        }
        s[1] = false;
        LabelledDistances p = new LabelledDistances(d, s);
        double wins = 0;
        int combinations = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (s[i] && !s[j]) {
                    combinations++;
                    wins += d[i] < d[j] ? 1 : d[i] == d[j] ? 0.5 : 0;
                }
            }
        }
        assertEquals(wins / combinations, ThresholdCalibration.rocAuc(p), 1e-12);

        var best = ThresholdCalibration.bestThreshold(p);
        assertEquals(best.accuracy(), ThresholdCalibration.accuracy(p, best.threshold()), 0);
        double bruteForce = ThresholdCalibration.accuracy(p, Double.NEGATIVE_INFINITY);
        for (double t : d) {
            bruteForce = Math.max(bruteForce, ThresholdCalibration.accuracy(p, t));
        }
        assertEquals(bruteForce, best.accuracy(), 0);
    }

    @Test
    void tarAtFarAllowsFloorOfFarTimesDifferentPairs() {
        int different = 3000;
        double[] diff = new double[different];
        for (int i = 0; i < different; i++) {
            diff[i] = 1 + i / 1000.0; // 1.000, 1.001, ...
        }
        double[] same = {0.2, 0.9, 1.0015, 1.0025, 1.5};
        var r = ThresholdCalibration.tarAtFar(pairs(same, diff), 1e-3);
        // 3 different pairs may be accepted (1.000, 1.001, 1.002); the threshold stops below 1.003.
        assertEquals(3.0 / different, r.far(), 1e-15);
        assertTrue(r.threshold() < 1.003 && r.threshold() >= 1.002);
        assertEquals(4.0 / 5, r.tar(), 1e-15);
        var zero = ThresholdCalibration.tarAtFar(pairs(same, diff), 0);
        assertEquals(0, zero.far());
        assertEquals(2.0 / 5, zero.tar(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> ThresholdCalibration.tarAtFar(pairs(same, new double[0]), 1e-3));
    }

    @Test
    void crossValidationChoosesEachFoldsThresholdOnTheOtherFolds() {
        // Fold 0: same 0.1, different 0.5. Fold 1: same 0.6, different 0.9. Trained on fold 1 the
        // threshold is 0.75 and misclassifies fold 0's different pair; trained on fold 0 it is 0.3
        // and misclassifies fold 1's same pair. In-sample, the best threshold would reach 0.75.
        LabelledDistances p = new LabelledDistances(new double[] {0.1, 0.5, 0.6, 0.9},
                new boolean[] {true, false, true, false});
        var cv = ThresholdCalibration.crossValidate(p, new int[] {0, 0, 1, 1});
        assertArrayEquals(new double[] {0.75, 0.3}, cv.foldThresholds(), 1e-15);
        assertArrayEquals(new double[] {0.5, 0.5}, cv.foldAccuracies(), 0);
        assertEquals(0.5, cv.meanAccuracy());
        assertEquals(0, cv.standardDeviation());
        assertEquals(0.75, ThresholdCalibration.bestThreshold(p).accuracy());
    }

    @Test
    void tenFoldLfwLayout() {
        int[] folds = ThresholdCalibration.consecutiveFolds(6000, 10);
        assertEquals(0, folds[599]);
        assertEquals(1, folds[600]);
        assertEquals(9, folds[5999]);
        // Separable data: every fold perfect.
        double[] d = new double[6000];
        boolean[] s = new boolean[6000];
        for (int i = 0; i < 6000; i++) {
            s[i] = i % 600 < 300;
            d[i] = (s[i] ? 0.2 : 0.8) + (i % 7) * 0.01;
        }
        var cv = ThresholdCalibration.crossValidate(new LabelledDistances(d, s), folds);
        assertEquals(1, cv.meanAccuracy());
        assertEquals(10, cv.foldAccuracies().length);
        assertThrows(IllegalArgumentException.class, () -> ThresholdCalibration.consecutiveFolds(10, 3));
        assertThrows(IllegalArgumentException.class,
                () -> ThresholdCalibration.crossValidate(new LabelledDistances(d, s), new int[6000]));
    }

    /**
     * 100 pairs, best accuracy 0.99 at 0.55 (one same pair at 0.9 is lost anyway); one standard error
     * is sqrt(0.99 · 0.01 / 100) ≈ 0.00995, so 0.98 is not within it and 0.99 is: the rule keeps the
     * strictest threshold that still reaches 0.99, not a lower one at 0.98.
     */
    @Test
    void oneStandardErrorRulePrefersTheStrictestNearBestThreshold() {
        double[] same = new double[50];
        double[] different = new double[50];
        for (int i = 0; i < 50; i++) {
            same[i] = 0.1 + 0.008 * i;   // 0.1 .. 0.492
            different[i] = 0.6 + 0.008 * i;
        }
        same[49] = 0.9;
        LabelledDistances p = pairs(same, different);
        var best = ThresholdCalibration.bestThreshold(p);
        assertEquals(0.99, best.accuracy(), 1e-12);
        var strict = ThresholdCalibration.strictestWithinOneStandardError(p);
        assertEquals(0.99, strict.accuracy(), 1e-12);
        assertEquals(best.threshold(), strict.threshold(), 1e-12);

        // A perfect separation has no error: the best threshold itself.
        LabelledDistances plateau = pairs(new double[] {0.1, 0.2, 0.3}, new double[] {0.7, 0.8, 0.9});
        var edge = ThresholdCalibration.strictestWithinOneStandardError(plateau);
        assertEquals(1, edge.accuracy());
        assertEquals(0.5, edge.threshold(), 1e-15);

        // A lower threshold within one error of the best wins over the best itself.
        double[] s2 = new double[1000];
        double[] d2 = new double[1000];
        for (int i = 0; i < 1000; i++) {
            s2[i] = i / 1000.0 * 0.5;          // 0 .. 0.4995
            d2[i] = 0.6 + i / 1000.0 * 0.4;    // 0.6 .. 0.9996
        }
        for (int i = 0; i < 20; i++) {
            d2[i] = 0.01; // look-alikes no threshold can reject: best accuracy 1980/2000, one error ≈ 4.4 pairs
        }
        s2[999] = 0.55; // accepting it gains one pair of 2000, less than one error
        LabelledDistances near = pairs(s2, d2);
        assertEquals(1980 / 2000.0, ThresholdCalibration.bestThreshold(near).accuracy(), 1e-12);
        assertTrue(ThresholdCalibration.bestThreshold(near).threshold() > 0.55);
        var secure = ThresholdCalibration.strictestWithinOneStandardError(near);
        // It gives up 4 same pairs (0.55, 0.4995, 0.499, 0.4985): 1976/2000 is within 4.4 pairs of the
        // best, 1975/2000 would not be.
        assertEquals(1976 / 2000.0, secure.accuracy(), 1e-12);
        assertEquals((0.4975 + 0.498) / 2, secure.threshold(), 1e-12);
    }
}
