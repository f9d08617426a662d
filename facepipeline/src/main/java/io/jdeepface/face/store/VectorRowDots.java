package io.jdeepface.face.store;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowDots} with the Vector API: each load of int8 codes (a quarter of a float vector's
 * bits) is widened to one float vector and multiplied into one of two independent accumulators;
 * the scan is limited by memory bandwidth, which is why the codes are bytes. Scalar tail.
 */
final class VectorRowDots implements RowDots {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Whether there is a byte vector shape of a quarter of the float one (64 bits at least). */
    static boolean supported() {
        return S.vectorBitSize() >= 256;
    }

    private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, S.vectorBitSize() / 4)));

    @Override
    public void dots(byte[] codes, int dim, float[] query, int from, int to, float[] out) {
        int vectorEnd = dim - dim % (2 * L);
        for (int r = from; r < to; r++) {
            int off = r * dim;
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            int i = 0;
            for (; i < vectorEnd; i += 2 * L) {
                FloatVector x0 = (FloatVector) ByteVector.fromArray(B, codes, off + i).convertShape(VectorOperators.B2F, S, 0);
                FloatVector x1 = (FloatVector) ByteVector.fromArray(B, codes, off + i + L).convertShape(VectorOperators.B2F, S, 0);
                a0 = x0.fma(FloatVector.fromArray(S, query, i), a0);
                a1 = x1.fma(FloatVector.fromArray(S, query, i + L), a1);
            }
            float s = a0.add(a1).reduceLanes(VectorOperators.ADD);
            for (; i < dim; i++) {
                s += codes[off + i] * query[i];
            }
            out[r - from] = s;
        }
    }
}
