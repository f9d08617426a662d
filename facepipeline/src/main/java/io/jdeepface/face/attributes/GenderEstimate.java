package io.jdeepface.face.attributes;

/**
 * Gender probabilities as percentages (DeepFace's {@code gender} dictionary) and the dominant one.
 *
 * @param woman percentage in [0, 100]
 * @param man   percentage in [0, 100], {@code 100 - woman}
 */
public record GenderEstimate(double woman, double man) {
    public GenderEstimate {
        if (!(woman >= 0 && woman <= 100 && man >= 0 && man <= 100) || Math.abs(woman + man - 100) > 1e-6) {
            throw new IllegalArgumentException("gender percentages must be in [0, 100] and add to 100, got woman "
                    + woman + ", man " + man);
        }
    }

    /** From the probability (0..1) that the face is a man's. */
    public static GenderEstimate ofManProbability(double pMan) {
        double man = 100 * Math.clamp(pMan, 0.0, 1.0);
        return new GenderEstimate(100 - man, man);
    }

    /** The more probable class; a tie goes to {@link Gender#WOMAN}, as Human's {@code <= 0.5}. */
    public Gender dominant() {
        return man > woman ? Gender.MAN : Gender.WOMAN;
    }
}
