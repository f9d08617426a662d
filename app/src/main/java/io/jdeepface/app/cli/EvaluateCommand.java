package io.jdeepface.app.cli;

import io.jdeepface.engine.exec.SessionOptions;
import io.jdeepface.face.embed.FaceEmbedder;
import io.jdeepface.face.eval.EvaluationProgress;
import io.jdeepface.face.eval.EvaluationReport;
import io.jdeepface.face.eval.LfwEvaluation;
import io.jdeepface.face.eval.PairsFile;
import io.jdeepface.face.models.FaceModels;
import io.jdeepface.face.verify.DistanceMetric;
import io.jdeepface.face.verify.LabelledDistances;
import io.jdeepface.face.verify.ThresholdCalibration;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jdeepface evaluate --pairs FILE --images DIR}: the LFW protocol on any folder-per-identity
 * dataset with an LFW-style pairs file, for the default pipeline (UltraFace, 68 landmarks, ArcFace
 * alignment, arcface-512), with and without flip test-time augmentation.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Verification accuracy on LFW-style pairs.",
            "Reports best-threshold accuracy (10-fold cross-validated when the pairs file has 10 folds),",
            "ROC AUC and TAR at FAR 1e-3. With --calibrate-on, each metric's threshold is chosen on those",
            "pairs (three rules: best accuracy, one standard error, FAR <= 1e-3) and applied unchanged to --pairs."})
public final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--pairs", required = true, paramLabel = "FILE", description = "The pairs to report on.")
    Path pairs;

    @Option(names = "--images", required = true, paramLabel = "DIR",
            description = "Image folder: DIR/<name>/<name>_<4-digit index>.jpg.")
    Path images;

    @Option(names = "--calibrate-on", paramLabel = "FILE",
            description = "Pairs to choose thresholds on (e.g. LFW View 1 pairsDevTrain.txt).")
    Path calibration;

    @Option(names = "--metric", paramLabel = "NAME", split = ",",
            description = "Metrics: cosine, euclidean, euclidean_l2, angular (default: all).")
    List<String> metrics;

    @Option(names = "--model", paramLabel = "NAME",
            description = "Recognition model: arcface-512 (default) or faceres-1024.")
    String model = FaceEmbedder.MODEL;

    @Option(names = "--threads", paramLabel = "N", description = "Images processed at once (default 2).")
    int threads = 2;

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(images)) {
            throw new IllegalArgumentException("image folder " + images + " does not exist");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1");
        }
        List<DistanceMetric> chosen = metrics == null ? List.of(DistanceMetric.values())
                : metrics.stream().map(DistanceMetric::fromName).toList();
        PairsFile test = PairsFile.read(pairs);
        PairsFile train = calibration == null ? null : PairsFile.read(calibration);
        try (FaceModels models = new FaceModels(home.modelHome(), SessionOptions.defaults().withThreads(1))) {
            LfwEvaluation evaluation = LfwEvaluation.pipeline(models, model, threads);
            Set<Path> all = new LinkedHashSet<>(test.images(images));
            if (train != null) {
                all.addAll(train.images(images));
            }
            long start = System.nanoTime();
            evaluation.embedAll(all, (done, total) -> {
                if (done % 100 == 0 || done == total) {
                    err.printf(Locale.ROOT, "\rembedding images: %d/%d (%.0f s)", done, total,
                            (System.nanoTime() - start) / 1e9);
                    err.flush();
                }
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            err.println();
            out.printf(Locale.ROOT, "%d images in %.1f s (%.0f ms per image, %d threads)%n", all.size(), seconds,
                    1000 * seconds / Math.max(1, all.size()), threads);
            for (boolean flip : new boolean[] {false, true}) {
                for (DistanceMetric metric : chosen) {
                    EvaluationReport onTest = evaluation.evaluate(pairs.getFileName().toString(), test, images, metric,
                            flip, EvaluationProgress.NONE);
                    out.println(onTest.summary());
                    if (train != null) {
                        EvaluationReport onTrain = evaluation.evaluate(calibration.getFileName().toString(), train,
                                images, metric, flip, EvaluationProgress.NONE);
                        LabelledDistances d = evaluation.distances(test, images, metric, flip);
                        out.printf(Locale.ROOT, "  => %s.%s%s: threshold %.4f chosen on %s gives accuracy %.4f on %s%n",
                                model, metric.deepFaceName(), flip ? " (flip)" : "", onTrain.threshold(),
                                calibration.getFileName(), ThresholdCalibration.accuracy(d, onTrain.threshold()),
                                pairs.getFileName());
                        LabelledDistances trainD = evaluation.distances(train, images, metric, flip);
                        var oneSe = ThresholdCalibration.strictestWithinOneStandardError(trainD);
                        out.printf(Locale.ROOT, "     threshold %.4f (strictest within one standard error of the best on %s,"
                                + " %.4f there) gives accuracy %.4f on %s%n", oneSe.threshold(), calibration.getFileName(),
                                oneSe.accuracy(), ThresholdCalibration.accuracy(d, oneSe.threshold()), pairs.getFileName());
                        double strict = onTrain.tarAtFar().threshold();
                        out.printf(Locale.ROOT, "     threshold %.4f (FAR <= %.0e on %s) gives accuracy %.4f on %s%n",
                                strict, LfwEvaluation.FAR, calibration.getFileName(),
                                ThresholdCalibration.accuracy(d, strict), pairs.getFileName());
                    }
                }
            }
        }
        return ExitCodes.OK;
    }
}
