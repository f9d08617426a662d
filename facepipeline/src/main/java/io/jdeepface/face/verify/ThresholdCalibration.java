package io.jdeepface.face.verify;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Choosing and judging a verification threshold from labelled pair distances. A pair is predicted
 * "same" when {@code distance <= threshold}.
 *
 * <p>The LFW protocol: choose the threshold on data disjoint from the test pairs. For LFW View 2,
 * {@link #crossValidate} does the standard 10-fold procedure (each fold's threshold chosen on the
 * other nine); for a default threshold, use View 1 DevTrain with {@link #bestThreshold} and check it
 * on DevTest with {@link #accuracy}.
 */
public final class ThresholdCalibration {
    private ThresholdCalibration() {
    }

    /** A threshold and the accuracy it reaches on the pairs it was chosen on. */
    public record BestThreshold(double threshold, double accuracy) {
    }

    /** Verification rate at a false accept rate: accepting {@code distance <= threshold}. */
    public record TarAtFar(double threshold, double tar, double far) {
    }

    /**
     * Per-fold results of cross-validation.
     *
     * @param standardDeviation population standard deviation of the fold accuracies ({@code numpy.std},
     *                          as LFW result tables report it)
     */
    public record CrossValidation(double[] foldThresholds, double[] foldAccuracies, double meanAccuracy,
                                  double standardDeviation) {
        public CrossValidation {
            foldThresholds = foldThresholds.clone();
            foldAccuracies = foldAccuracies.clone();
        }

        @Override
        public double[] foldThresholds() {
            return foldThresholds.clone();
        }

        @Override
        public double[] foldAccuracies() {
            return foldAccuracies.clone();
        }
    }

    /** The fraction of pairs classified correctly by {@code distance <= threshold}. */
    public static double accuracy(LabelledDistances pairs, double threshold) {
        int correct = 0;
        for (int i = 0; i < pairs.size(); i++) {
            correct += (pairs.distance(i) <= threshold) == pairs.isSame(i) ? 1 : 0;
        }
        return (double) correct / pairs.size();
    }

    /**
     * The threshold with the best accuracy. Candidates are the midpoints between consecutive distinct
     * distances (so the threshold sits in the gap, not on a sample), one below all distances (accept
     * none) and the largest distance (accept all); the smallest best candidate wins.
     */
    public static BestThreshold bestThreshold(LabelledDistances pairs) {
        Candidates c = candidates(pairs);
        int best = 0;
        for (int i = 1; i < c.count(); i++) {
            if (c.correct()[i] > c.correct()[best]) {
                best = i;
            }
        }
        return new BestThreshold(c.thresholds()[best], (double) c.correct()[best] / pairs.size());
    }

    /**
     * The strictest threshold whose accuracy is within one standard error of the best (the
     * "one-standard-error rule" of model selection). Accuracies that differ by less than their
     * sampling error are not really different, and among them the smallest threshold accepts
     * fewest impostors: the secure choice for a verification default. The standard error is the
     * binomial {@code sqrt(a (1 − a) / n)} at the best accuracy {@code a} over {@code n} pairs.
     */
    public static BestThreshold strictestWithinOneStandardError(LabelledDistances pairs) {
        BestThreshold best = bestThreshold(pairs);
        int n = pairs.size();
        double a = best.accuracy();
        double floor = a - Math.sqrt(a * (1 - a) / n);
        Candidates c = candidates(pairs);
        for (int i = 0; i < c.count(); i++) {
            if ((double) c.correct()[i] / n >= floor - 1e-12) {
                return new BestThreshold(c.thresholds()[i], (double) c.correct()[i] / n);
            }
        }
        return best;
    }

    /** Every candidate threshold in increasing order, with the number of pairs it classifies correctly. */
    private record Candidates(double[] thresholds, int[] correct, int count) {
    }

    private static Candidates candidates(LabelledDistances pairs) {
        int n = pairs.size();
        int[] order = sortedByDistance(pairs);
        double[] thresholds = new double[n + 1];
        int[] correctAt = new int[n + 1];
        // Accept nothing: every different pair is right.
        thresholds[0] = pairs.distance(order[0]) - Math.max(1e-9, Math.abs(pairs.distance(order[0])) * 1e-9);
        int correct = n - pairs.sameCount();
        correctAt[0] = correct;
        int count = 1;
        for (int i = 0; i < n; ) {
            double value = pairs.distance(order[i]);
            // Accept the whole group of equal distances at once: no threshold can split it.
            for (; i < n && pairs.distance(order[i]) == value; i++) {
                correct += pairs.isSame(order[i]) ? 1 : -1;
            }
            thresholds[count] = i < n ? between(value, pairs.distance(order[i])) : value;
            correctAt[count++] = correct;
        }
        return new Candidates(thresholds, correctAt, count);
    }

    /**
     * The area under the ROC curve: the probability that a random same-person pair has a smaller
     * distance than a random different-person pair, ties counting one half (the Mann–Whitney U
     * statistic divided by the number of (same, different) combinations). 1 is perfect, 0.5 chance.
     *
     * @throws IllegalArgumentException when either class has no pairs
     */
    public static double rocAuc(LabelledDistances pairs) {
        int n = pairs.size();
        long sameCount = pairs.sameCount();
        long differentCount = n - sameCount;
        requireBothClasses(sameCount, differentCount);
        int[] order = sortedByDistance(pairs);
        double u = 0;
        long sameBelow = 0;
        for (int i = 0; i < n; ) {
            double value = pairs.distance(order[i]);
            long sameHere = 0;
            long differentHere = 0;
            for (; i < n && pairs.distance(order[i]) == value; i++) {
                if (pairs.isSame(order[i])) {
                    sameHere++;
                } else {
                    differentHere++;
                }
            }
            // Each different pair here beats the same pairs below it and ties with those at its distance.
            u += differentHere * (sameBelow + 0.5 * sameHere);
            sameBelow += sameHere;
        }
        return u / ((double) sameCount * differentCount);
    }

    /**
     * The true accept rate at the largest threshold whose false accept rate is at most {@code maxFar}
     * (e.g. 1e-3): with {@code D} different-person pairs, at most {@code floor(maxFar · D)} of them
     * may be accepted. Ties are never split, so the actual FAR may be below {@code maxFar}.
     */
    public static TarAtFar tarAtFar(LabelledDistances pairs, double maxFar) {
        if (!(maxFar >= 0 && maxFar <= 1)) {
            throw new IllegalArgumentException("false accept rate must be in [0, 1], got " + maxFar);
        }
        int sameCount = pairs.sameCount();
        int differentCount = pairs.size() - sameCount;
        requireBothClasses(sameCount, differentCount);
        double[] different = new double[differentCount];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0, j = 0; i < pairs.size(); i++) {
            max = Math.max(max, pairs.distance(i));
            if (!pairs.isSame(i)) {
                different[j++] = pairs.distance(i);
            }
        }
        Arrays.sort(different);
        // The small epsilon keeps e.g. 1e-3 · 3000 from flooring to 2 through rounding.
        int allowed = (int) Math.floor(maxFar * differentCount + 1e-9);
        // Accept everything strictly below the first different distance that may not be accepted.
        double threshold = allowed >= differentCount ? max : Math.nextDown(different[allowed]);
        int acceptedSame = 0;
        int acceptedDifferent = 0;
        for (int i = 0; i < pairs.size(); i++) {
            if (pairs.distance(i) <= threshold) {
                if (pairs.isSame(i)) {
                    acceptedSame++;
                } else {
                    acceptedDifferent++;
                }
            }
        }
        return new TarAtFar(threshold, (double) acceptedSame / sameCount, (double) acceptedDifferent / differentCount);
    }

    /**
     * Cross-validated accuracy: for each fold, the {@link #bestThreshold} of all other folds is
     * applied to the fold's pairs.
     *
     * @param fold fold number (0 .. k−1) of each pair; every fold must have pairs
     */
    public static CrossValidation crossValidate(LabelledDistances pairs, int[] fold) {
        if (fold.length != pairs.size()) {
            throw new IllegalArgumentException(fold.length + " fold numbers for " + pairs.size() + " pairs");
        }
        int k = Arrays.stream(fold).max().orElse(-1) + 1;
        if (k < 2 || Arrays.stream(fold).anyMatch(f -> f < 0)) {
            throw new IllegalArgumentException("fold numbers must be 0 .. k-1 with k >= 2");
        }
        double[] thresholds = new double[k];
        double[] accuracies = new double[k];
        for (int f = 0; f < k; f++) {
            boolean[] test = new boolean[fold.length];
            boolean[] train = new boolean[fold.length];
            for (int i = 0; i < fold.length; i++) {
                test[i] = fold[i] == f;
                train[i] = !test[i];
            }
            if (!contains(test)) {
                throw new IllegalArgumentException("fold " + f + " has no pairs");
            }
            thresholds[f] = bestThreshold(pairs.subset(train)).threshold();
            accuracies[f] = accuracy(pairs.subset(test), thresholds[f]);
        }
        double mean = Arrays.stream(accuracies).average().orElseThrow();
        double variance = Arrays.stream(accuracies).map(a -> (a - mean) * (a - mean)).sum() / k;
        return new CrossValidation(thresholds, accuracies, mean, Math.sqrt(variance));
    }

    /**
     * Fold numbers for {@code n} pairs listed fold after fold in {@code k} equal parts, the layout of
     * LFW's {@code pairs.txt} (10 sets of 300 same then 300 different pairs).
     */
    public static int[] consecutiveFolds(int n, int k) {
        if (k < 2 || n % k != 0) {
            throw new IllegalArgumentException(n + " pairs cannot be split into " + k + " equal folds");
        }
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[i] = i / (n / k);
        }
        return fold;
    }

    private static int[] sortedByDistance(LabelledDistances pairs) {
        return IntStream.range(0, pairs.size()).boxed()
                .sorted(Comparator.comparingDouble(pairs::distance))
                .mapToInt(Integer::intValue).toArray();
    }

    /** The midpoint of {@code lo < hi}, or {@code lo} when they are adjacent doubles (so that it stays below {@code hi}). */
    private static double between(double lo, double hi) {
        double mid = lo + (hi - lo) / 2;
        return mid < hi ? mid : lo;
    }

    private static boolean contains(boolean[] flags) {
        for (boolean f : flags) {
            if (f) {
                return true;
            }
        }
        return false;
    }

    private static void requireBothClasses(long same, long different) {
        if (same == 0 || different == 0) {
            throw new IllegalArgumentException("need both same-person and different-person pairs, got "
                    + same + " and " + different);
        }
    }
}
