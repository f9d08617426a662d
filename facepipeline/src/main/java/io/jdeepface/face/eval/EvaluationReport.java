package io.jdeepface.face.eval;

import io.jdeepface.face.verify.DistanceMetric;
import io.jdeepface.face.verify.ThresholdCalibration.CrossValidation;
import io.jdeepface.face.verify.ThresholdCalibration.TarAtFar;
import java.util.Locale;

/**
 * Verification results on one pairs file with one metric.
 *
 * @param pairs         number of pairs
 * @param failures      images without a detected face (the whole image was embedded instead)
 * @param bestAccuracy  accuracy at {@code threshold}, the best threshold <em>on these same pairs</em>
 *                      (optimistic; report {@code crossValidation} or a held-out set as the result)
 * @param threshold     the best-accuracy threshold on these pairs
 * @param rocAuc        area under the ROC curve
 * @param tarAtFar      verification rate at FAR ≤ 1e-3
 * @param crossValidation 10-fold cross-validation when the file has 10 sets, else null
 */
public record EvaluationReport(String dataset, DistanceMetric metric, boolean flip, int pairs, int failures,
                               double bestAccuracy, double threshold, double rocAuc, TarAtFar tarAtFar,
                               CrossValidation crossValidation) {

    public String summary() {
        String s = String.format(Locale.ROOT,
                "%s %s%s: %d pairs, %d images without a face, best accuracy %.4f at threshold %.4f, AUC %.5f, "
                        + "TAR %.4f at FAR %.4f",
                dataset, metric.deepFaceName(), flip ? " +flip" : "", pairs, failures, bestAccuracy, threshold, rocAuc,
                tarAtFar.tar(), tarAtFar.far());
        if (crossValidation != null) {
            s += String.format(Locale.ROOT, ", 10-fold accuracy %.4f ± %.4f", crossValidation.meanAccuracy(),
                    crossValidation.standardDeviation());
        }
        return s;
    }
}
