package io.jdeepface.face.store;

import io.jdeepface.engine.simd.VectorSupport;

/**
 * Float dot products of one query with consecutive rows of a row-major matrix of int8 codes: the
 * inner loop of the similarity scan. The Vector API version is used when
 * {@link VectorSupport#enabled()}; it is in its own class so that the incubator module is only
 * loaded when it is there.
 */
interface RowDots {
    /** {@code out[r - from] = Σ_i codes[r·dim + i] · query[i]} for rows {@code r} in [from, to). */
    void dots(byte[] codes, int dim, float[] query, int from, int to, float[] out);

    /** The fastest implementation available in this JVM. */
    static RowDots best() {
        return VectorSupport.enabled() && VectorRowDots.supported() ? new VectorRowDots() : new ScalarRowDots();
    }

    /** Plain loops, four independent float accumulators. */
    final class ScalarRowDots implements RowDots {
        @Override
        public void dots(byte[] codes, int dim, float[] query, int from, int to, float[] out) {
            for (int r = from; r < to; r++) {
                int off = r * dim;
                float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                int i = 0;
                for (; i + 3 < dim; i += 4) {
                    s0 += codes[off + i] * query[i];
                    s1 += codes[off + i + 1] * query[i + 1];
                    s2 += codes[off + i + 2] * query[i + 2];
                    s3 += codes[off + i + 3] * query[i + 3];
                }
                for (; i < dim; i++) {
                    s0 += codes[off + i] * query[i];
                }
                out[r - from] = (s0 + s1) + (s2 + s3);
            }
        }
    }
}
