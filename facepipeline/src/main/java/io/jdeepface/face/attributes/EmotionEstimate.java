package io.jdeepface.face.attributes;

import java.util.Arrays;

/**
 * Expression probabilities as percentages, indexed by {@link Emotion#ordinal()} (angry, disgust,
 * fear, happy, sad, surprise, neutral), as DeepFace's {@code emotion} dictionary.
 */
public record EmotionEstimate(double[] percentages) {
    public EmotionEstimate {
        if (percentages.length != Emotion.values().length) {
            throw new IllegalArgumentException("need " + Emotion.values().length + " emotion percentages, got "
                    + percentages.length);
        }
        percentages = percentages.clone();
        for (double p : percentages) {
            if (!(p >= 0 && p <= 100)) {
                throw new IllegalArgumentException("emotion percentages must be in [0, 100]: "
                        + Arrays.toString(percentages));
            }
        }
    }

    @Override
    public double[] percentages() {
        return percentages.clone();
    }

    public double percentage(Emotion e) {
        return percentages[e.ordinal()];
    }

    /** The most probable expression. */
    public Emotion dominant() {
        int best = 0;
        for (int i = 1; i < percentages.length; i++) {
            if (percentages[i] > percentages[best]) {
                best = i;
            }
        }
        return Emotion.values()[best];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmotionEstimate e && Arrays.equals(e.percentages, percentages);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(percentages);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("EmotionEstimate[");
        for (Emotion e : Emotion.values()) {
            sb.append(e.label()).append('=').append(String.format(java.util.Locale.ROOT, "%.1f", percentage(e)))
                    .append(e == Emotion.NEUTRAL ? "]" : ", ");
        }
        return sb.toString();
    }
}
