package io.jdeepface.face.store;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowDots} with the Vector API: two independent vector accumulators of fused multiply-adds
 * per row (the scan is limited by memory bandwidth, not by the FMA latency), scalar tail.
 */
final class VectorRowDots implements RowDots {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public void dots(float[] matrix, int dim, float[] query, int from, int to, float[] out) {
        int vectorEnd = dim - dim % (2 * L);
        for (int r = from; r < to; r++) {
            int off = r * dim;
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            int i = 0;
            for (; i < vectorEnd; i += 2 * L) {
                a0 = FloatVector.fromArray(S, matrix, off + i).fma(FloatVector.fromArray(S, query, i), a0);
                a1 = FloatVector.fromArray(S, matrix, off + i + L).fma(FloatVector.fromArray(S, query, i + L), a1);
            }
            float s = a0.add(a1).reduceLanes(VectorOperators.ADD);
            for (; i < dim; i++) {
                s += matrix[off + i] * query[i];
            }
            out[r - from] = s;
        }
    }
}
