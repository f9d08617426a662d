package io.jdeepface.face.store;

/**
 * A compressed copy of a matrix for the first pass of a search: each row as int8 codes with one
 * scale, {@code x ≈ scale · code}, plus a proven bound of how far a cosine computed from the codes
 * can be from the exact one. A quarter of the bytes of the float rows, so the bandwidth-bound scan
 * is about four times faster.
 */
final class Int8Rows {
    private static final double U = 0x1p-24; // float unit roundoff

    final byte[] codes;
    /** Per row: {@code scale / |x|}, so that {@code cos ≈ (unitQuery · code) · cosineScale}. */
    final float[] cosineScale;
    /** Per row: an upper bound of |approximate cosine − exact cosine|, for any unit query. */
    final float[] errorBound;

    /**
     * Codes for the rows of {@code values}; every row must have {@code squaredNorms[r] > 0} (far
     * from float overflow and underflow).
     */
    Int8Rows(float[] values, int dim, double[] squaredNorms) {
        int rows = squaredNorms.length;
        codes = new byte[values.length];
        cosineScale = new float[rows];
        errorBound = new float[rows];
        // The float dot product adds at most dim + 160 rounded terms along any path (per lane, the
        // reduction across up to 64 lanes, the scalar tail); the query's normalisation, the scale
        // and the final product add a few roundings more.
        double arithmetic = (dim + 160 + 16) * U / (1 - (dim + 176) * U);
        for (int r = 0; r < rows; r++) {
            int off = r * dim;
            float max = 0;
            for (int i = 0; i < dim; i++) {
                max = Math.max(max, Math.abs(values[off + i]));
            }
            float scale = max / 127;
            double residual = 0;
            for (int i = 0; i < dim; i++) {
                int c = (int) Math.max(-127, Math.min(127, Math.round(values[off + i] / scale)));
                codes[off + i] = (byte) c;
                double e = values[off + i] - (double) scale * c;
                residual += e * e;
            }
            double norm = Math.sqrt(squaredNorms[r]);
            double relativeResidual = Math.sqrt(residual) / norm;
            cosineScale[r] = (float) (scale / norm);
            // |q·x − q·x̂| ≤ |q||x − x̂| (Cauchy–Schwarz); the float sums err by at most
            // arithmetic · |q||x̂| ≤ arithmetic · |x| (1 + relativeResidual).
            double bound = 1.01 * (relativeResidual + arithmetic * (1 + relativeResidual)) + 1e-12;
            errorBound[r] = Math.nextUp((float) bound);
        }
    }
}
