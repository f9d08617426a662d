package io.jdeepface.face.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Default verification thresholds per (model, metric): a pair is the same person when its
 * distance is {@code <=} the threshold, as in DeepFace. The defaults come from the resource
 * {@code thresholds.properties} next to this class, which names where each value comes from.
 * Immutable; {@link #with} makes a modified copy.
 */
public final class Thresholds {
    private static final String RESOURCE = "thresholds.properties";
    private static final Thresholds DEFAULTS = loadDefaults();

    private final Map<String, Map<DistanceMetric, Double>> byModel;

    private Thresholds(Map<String, Map<DistanceMetric, Double>> byModel) {
        this.byModel = byModel;
    }

    /** The bundled defaults. */
    public static Thresholds defaults() {
        return DEFAULTS;
    }

    /** No thresholds at all. */
    public static Thresholds empty() {
        return new Thresholds(Map.of());
    }

    /**
     * Thresholds from a properties text with lines {@code <model>.<metric> = <threshold>}, the metric
     * being a DeepFace name (cosine, euclidean, euclidean_l2, angular); the model is everything before
     * the last dot.
     *
     * @throws IllegalArgumentException naming the entry, for a malformed key or value
     */
    public static Thresholds load(InputStream in) throws IOException {
        Properties p = new Properties();
        p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        Thresholds t = empty();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            int dot = key.lastIndexOf('.');
            if (dot <= 0) {
                throw new IllegalArgumentException("threshold key '" + key + "' is not <model>.<metric>");
            }
            String value = p.getProperty(key).trim();
            double threshold;
            try {
                threshold = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("threshold '" + key + "' is not a number: '" + value + "'", e);
            }
            t = t.with(key.substring(0, dot), DistanceMetric.fromName(key.substring(dot + 1)), threshold);
        }
        return t;
    }

    /** The threshold for {@code model} with {@code metric}, if one is known. Model names are case-sensitive. */
    public OptionalDouble find(String model, DistanceMetric metric) {
        Double t = byModel.getOrDefault(model, Map.of()).get(metric);
        return t == null ? OptionalDouble.empty() : OptionalDouble.of(t);
    }

    /**
     * The threshold for {@code model} with {@code metric}.
     *
     * @throws IllegalArgumentException when none is known, saying what to do instead
     */
    public double require(String model, DistanceMetric metric) {
        return find(model, metric).orElseThrow(() -> new IllegalArgumentException("no default "
                + metric.deepFaceName() + " threshold for model '" + model + "' (known models: " + models()
                + "); pass a threshold explicitly, or calibrate one with ThresholdCalibration"));
    }

    /** A copy with the threshold for ({@code model}, {@code metric}) set to {@code threshold}. */
    public Thresholds with(String model, DistanceMetric metric, double threshold) {
        if (model.isBlank()) {
            throw new IllegalArgumentException("model name must not be blank");
        }
        if (!(threshold > 0) || !(threshold < metric.maxDistance())) {
            throw new IllegalArgumentException(metric.deepFaceName() + " threshold for " + model + " must be in (0, "
                    + metric.maxDistance() + "), got " + threshold);
        }
        Map<String, Map<DistanceMetric, Double>> copy = new TreeMap<>(byModel);
        Map<DistanceMetric, Double> metrics = new EnumMap<>(DistanceMetric.class);
        metrics.putAll(byModel.getOrDefault(model, Map.of()));
        metrics.put(metric, threshold);
        copy.put(model, Collections.unmodifiableMap(metrics));
        return new Thresholds(Collections.unmodifiableMap(copy));
    }

    /** The models with at least one threshold. */
    public Set<String> models() {
        return byModel.keySet();
    }

    private static Thresholds loadDefaults() {
        try (InputStream in = Thresholds.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the jdeepface jar");
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    @Override
    public String toString() {
        return "Thresholds" + byModel;
    }
}
