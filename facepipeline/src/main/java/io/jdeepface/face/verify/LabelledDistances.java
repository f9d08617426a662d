package io.jdeepface.face.verify;

/**
 * Distances of labelled pairs, the input of {@link ThresholdCalibration}: pair {@code i} has
 * distance {@code distances[i]} and is a same-person pair when {@code same[i]}.
 */
public record LabelledDistances(double[] distances, boolean[] same) {
    public LabelledDistances {
        if (distances.length != same.length) {
            throw new IllegalArgumentException(distances.length + " distances but " + same.length + " labels");
        }
        if (distances.length == 0) {
            throw new IllegalArgumentException("no labelled pairs");
        }
        distances = distances.clone();
        same = same.clone();
        for (int i = 0; i < distances.length; i++) {
            if (!Double.isFinite(distances[i])) {
                throw new IllegalArgumentException("distance of pair " + i + " is not finite: " + distances[i]);
            }
        }
    }

    @Override
    public double[] distances() {
        return distances.clone();
    }

    @Override
    public boolean[] same() {
        return same.clone();
    }

    public int size() {
        return distances.length;
    }

    public double distance(int i) {
        return distances[i];
    }

    public boolean isSame(int i) {
        return same[i];
    }

    public int sameCount() {
        int n = 0;
        for (boolean s : same) {
            n += s ? 1 : 0;
        }
        return n;
    }

    /** The pairs whose index has {@code keep[i]}. */
    LabelledDistances subset(boolean[] keep) {
        int n = 0;
        for (boolean k : keep) {
            n += k ? 1 : 0;
        }
        double[] d = new double[n];
        boolean[] s = new boolean[n];
        for (int i = 0, j = 0; i < keep.length; i++) {
            if (keep[i]) {
                d[j] = distances[i];
                s[j++] = same[i];
            }
        }
        return new LabelledDistances(d, s);
    }
}
