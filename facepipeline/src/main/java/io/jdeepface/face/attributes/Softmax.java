package io.jdeepface.face.attributes;

/** Numerically stable softmax, shared by the classifiers of this package. */
final class Softmax {
    private Softmax() {
    }

    /** {@code exp(x_i - max) / sum}: subtracting the maximum keeps exp from overflowing. */
    static double[] of(float[] logits, int from, int count) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, logits[from + i]);
        }
        double[] p = new double[count];
        double sum = 0;
        for (int i = 0; i < count; i++) {
            p[i] = Math.exp(logits[from + i] - max);
            sum += p[i];
        }
        for (int i = 0; i < count; i++) {
            p[i] /= sum;
        }
        return p;
    }

    static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
