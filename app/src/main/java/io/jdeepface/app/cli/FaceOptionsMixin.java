package io.jdeepface.app.cli;

import io.jdeepface.face.api.FaceOptions;
import io.jdeepface.face.verify.DistanceMetric;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The pipeline flags shared by the face commands, DeepFace's keyword arguments as options;
 * {@link #faceOptions} turns them into a {@link FaceOptions}. Options only one command uses
 * ({@code -k} of find, {@code --grayscale} of extract) are declared by that command.
 */
public final class FaceOptionsMixin {
    private static final FaceOptions DEFAULTS = FaceOptions.defaults();

    @Option(names = "--detector", paramLabel = "NAME", completionCandidates = Detectors.class,
            description = "Face detector: ${COMPLETION-CANDIDATES} (default: ultraface; blazeface-back finds"
                    + " smaller faces, skip treats the image as a face crop).")
    String detector = DEFAULTS.detector();

    @Option(names = "--model", paramLabel = "NAME", completionCandidates = Models.class,
            description = "Recognition model: ${COMPLETION-CANDIDATES} (default: arcface-512).")
    String model = DEFAULTS.model();

    @Option(names = "--metric", paramLabel = "NAME", converter = MetricConverter.class,
            completionCandidates = Metrics.class,
            description = "Distance metric: ${COMPLETION-CANDIDATES} (default: cosine).")
    DistanceMetric metric = DEFAULTS.metric();

    @Option(names = "--threshold", paramLabel = "T",
            description = "Verification threshold (default: the calibrated one for the model and metric).")
    Double threshold;

    @Option(names = "--no-align", description = "Do not align faces to the ArcFace template.")
    boolean noAlign;

    @Option(names = "--expand", paramLabel = "PERCENT",
            description = "Enlarge detected face boxes by this percentage (default: 0).")
    int expandPercentage = DEFAULTS.expandPercentage();

    @Option(names = "--anti-spoofing",
            description = "Check faces with the anti-spoofing model; a spoofed face is an error (extract reports it).")
    boolean antiSpoofing;

    @Option(names = "--no-enforce-detection",
            description = "Use the whole image as the face when no face is detected, instead of failing.")
    boolean noEnforceDetection;

    @Option(names = "--max-faces", paramLabel = "N", description = "At most N faces per image, the largest (default: all).")
    Integer maxFaces;

    @Option(names = "--flip", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Flip test-time augmentation of embeddings (default on; the default thresholds are"
                    + " calibrated with it). --no-flip halves the embedding time.")
    boolean flip;

    @Option(names = "--no-normalize",
            description = "Report raw, not L2-normalised, embeddings (plain euclidean then needs --threshold).")
    boolean noNormalize;

    /**
     * The options as a {@link FaceOptions}. An invalid combination (unknown detector, threshold out
     * of the metric's range) is a usage error of {@code cl}'s command.
     */
    public FaceOptions faceOptions(CommandLine cl) {
        try {
            return new FaceOptions(detector, model, metric, !noAlign, expandPercentage, !noEnforceDetection,
                    threshold == null ? Double.NaN : threshold, antiSpoofing,
                    maxFaces == null ? DEFAULTS.maxFaces() : maxFaces, flip, DEFAULTS.k(), DEFAULTS.grayscale(),
                    !noNormalize);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage(), e);
        }
    }

    /** Parses DeepFace's metric names. */
    static final class MetricConverter implements CommandLine.ITypeConverter<DistanceMetric> {
        @Override
        public DistanceMetric convert(String value) {
            try {
                return DistanceMetric.fromName(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Detectors implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return FaceOptions.DETECTORS.iterator();
        }
    }

    static final class Models implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return FaceOptions.MODELS.iterator();
        }
    }

    static final class Metrics implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> names = new ArrayList<>();
            for (DistanceMetric m : DistanceMetric.values()) {
                names.add(m.deepFaceName());
            }
            return names.iterator();
        }
    }
}
