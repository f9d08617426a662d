package io.jdeepface.face.eval;

import io.jdeepface.engine.exec.SessionOptions;
import io.jdeepface.engine.format.ModelHome;
import io.jdeepface.face.align.FaceAligner;
import io.jdeepface.face.detect.UltraFaceDetector;
import io.jdeepface.face.embed.FaceEmbedder;
import io.jdeepface.face.embed.FaceExtractor;
import io.jdeepface.face.landmark.Landmark68Detector;
import io.jdeepface.face.models.FaceModels;
import io.jdeepface.face.verify.DistanceMetric;
import io.jdeepface.face.verify.LabelledDistances;
import io.jdeepface.face.verify.ThresholdCalibration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Measures the default pipeline (UltraFace → landmark68 → ArcFace alignment → arcface-512) on LFW-style
 * pairs from the command line:
 *
 * <pre>
 * LfwEvaluationMain PAIRS IMAGES [--calibrate-on PAIRS] [--models HOME] [--threads N]
 * </pre>
 *
 * <p>With {@code --calibrate-on} (e.g. LFW View 1: {@code --calibrate-on pairsDevTrain.txt}
 * {@code pairsDevTest.txt}), each metric's best-accuracy threshold is chosen on the calibration pairs
 * and applied to PAIRS; otherwise PAIRS is reported on its own (10-fold cross-validated when it has 10
 * sets, as LFW View 2 {@code pairs.txt}). Prints reports for no TTA and flip TTA, and the
 * {@code thresholds.properties} lines for the calibrated thresholds.
 */
public final class LfwEvaluationMain {
    private LfwEvaluationMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        Path calibration = null;
        Path models = null;
        int threads = 2;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--calibrate-on" -> calibration = Path.of(value(args, ++i));
                case "--models" -> models = Path.of(value(args, ++i));
                case "--threads" -> threads = Integer.parseInt(value(args, ++i));
                default -> positional.add(args[i]);
            }
        }
        if (positional.size() != 2) {
            System.err.println("usage: LfwEvaluationMain PAIRS IMAGES [--calibrate-on PAIRS] [--models HOME] [--threads N]");
            System.exit(2);
        }
        Path pairsPath = Path.of(positional.get(0));
        Path images = Path.of(positional.get(1));
        if (!Files.isDirectory(images)) {
            throw new IllegalArgumentException("image folder " + images + " does not exist");
        }
        PairsFile test = PairsFile.read(pairsPath);
        PairsFile train = calibration == null ? null : PairsFile.read(calibration);

        try (FaceModels faceModels = new FaceModels(ModelHome.resolve(models), SessionOptions.defaults().withThreads(1))) {
            LfwEvaluation evaluation = evaluation(faceModels, threads);
            Set<Path> all = new LinkedHashSet<>(test.images(images));
            if (train != null) {
                all.addAll(train.images(images));
            }
            long start = System.nanoTime();
            evaluation.embedAll(all, (done, total) -> {
                if (done % 200 == 0 || done == total) {
                    double s = (System.nanoTime() - start) / 1e9;
                    System.err.printf(Locale.ROOT, "%d/%d images, %.1f s, %.0f ms per image (wall, %d threads)%n",
                            done, total, s, 1000 * s / done, evaluation.threads());
                }
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%d images embedded (plain + flipped) in %.1f s: %.0f ms per image wall "
                    + "with %d threads%n", all.size(), seconds, 1000 * seconds / all.size(), threads);
            List<String> properties = new ArrayList<>();
            for (boolean flip : new boolean[] {false, true}) {
                for (DistanceMetric metric : DistanceMetric.values()) {
                    EvaluationReport onTest = evaluation.evaluate(pairsPath.getFileName().toString(), test, images, metric,
                            flip, EvaluationProgress.NONE);
                    if (train == null) {
                        System.out.println(onTest.summary());
                        continue;
                    }
                    EvaluationReport onTrain = evaluation.evaluate(calibration.getFileName().toString(), train, images,
                            metric, flip, EvaluationProgress.NONE);
                    LabelledDistances d = evaluation.distances(test, images, metric, flip);
                    double accuracy = ThresholdCalibration.accuracy(d, onTrain.threshold());
                    System.out.println(onTrain.summary());
                    System.out.println(onTest.summary());
                    System.out.printf(Locale.ROOT, "  => %s%s: threshold %.4f from %s gives accuracy %.4f on %s%n",
                            metric.deepFaceName(), flip ? " +flip" : "", onTrain.threshold(), calibration.getFileName(),
                            accuracy, pairsPath.getFileName());
                    if (flip == false) {
                        properties.add(String.format(Locale.ROOT, "%s.%s = %.4f", FaceEmbedder.MODEL,
                                metric.deepFaceName(), onTrain.threshold()));
                    }
                }
            }
            if (!properties.isEmpty()) {
                System.out.println("thresholds.properties (no TTA, calibrated on " + calibration.getFileName() + "):");
                properties.forEach(System.out::println);
            }
        }
    }

    /** The default pipeline over {@code models}. */
    public static LfwEvaluation evaluation(FaceModels models, int threads) {
        FaceExtractor extractor = new FaceExtractor(new UltraFaceDetector(models.runner("ultraface-rfb-320")),
                new Landmark68Detector(models.runner(Landmark68Detector.MODEL)), FaceAligner.arcFace());
        return new LfwEvaluation(extractor, FaceEmbedder.of(models), threads);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
