package io.jdeepface.face.verify;

import java.util.Arrays;
import java.util.Objects;

/**
 * A face embedding: the vector a recognition model computed for one aligned face.
 *
 * @param values     the vector (copied in and out: the record is immutable)
 * @param model      the name of the model that made it; embeddings of different models are not comparable
 * @param normalized whether {@code values} has unit L2 norm
 */
public record Embedding(float[] values, String model, boolean normalized) {
    public Embedding {
        Objects.requireNonNull(model, "model");
        if (values.length == 0) {
            throw new IllegalArgumentException("an embedding needs at least one value");
        }
        values = values.clone();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("embedding value " + i + " of model " + model
                        + " is not finite: " + values[i]);
            }
        }
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    public int dimension() {
        return values.length;
    }

    /** This embedding scaled to unit length (itself when already normalised). */
    public Embedding l2Normalized() {
        if (normalized) {
            return this;
        }
        double norm = Math.sqrt(VectorMath.dot(values, 0, values, 0, values.length));
        if (norm == 0) {
            throw new IllegalArgumentException("cannot normalise the zero embedding of model " + model);
        }
        float[] unit = new float[values.length];
        for (int i = 0; i < unit.length; i++) {
            unit[i] = (float) (values[i] / norm);
        }
        return new Embedding(unit, model, true);
    }

    /** The distance to {@code other}, which must come from the same model. */
    public double distanceTo(Embedding other, DistanceMetric metric) {
        if (!other.model.equals(model)) {
            throw new IllegalArgumentException("cannot compare an embedding of model " + model
                    + " with one of model " + other.model);
        }
        return metric.distance(values, other.values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Embedding e && e.normalized == normalized && e.model.equals(model)
                && Arrays.equals(e.values, values);
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(values) * 31 + model.hashCode()) * 31 + Boolean.hashCode(normalized);
    }

    @Override
    public String toString() {
        return "Embedding[" + model + ", " + values.length + " values" + (normalized ? ", normalised" : "") + "]";
    }
}
