package io.jdeepface.engine.ops.reduce;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sum of a vector's lanes in one fixed order: a pairwise tree of lanewise adds (lane i plus
 * lane i + L/2, then i + L/4, ... down to lane 0). {@code reduceLanes(ADD)} leaves the order to the
 * implementation, and the interpreter, C1 and C2 add in different orders: the last bits of a
 * softmax or a mean then depended on how warm the JIT was. Lanewise adds are exact IEEE operations
 * in every tier, so this tree gives the same bits always.
 *
 * <p>Vector API class: load only in vector mode.
 */
public final class FixedOrderSum {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    // Rotations by 8, 4, 2 and 1 lanes; a step is skipped when the vector is not wider than it.
    private static final VectorShuffle<Float> BY8 = rotation(8);
    private static final VectorShuffle<Float> BY4 = rotation(4);
    private static final VectorShuffle<Float> BY2 = rotation(2);
    private static final VectorShuffle<Float> BY1 = rotation(1);

    static {
        if (L > 16) {
            throw new ExceptionInInitializerError("FixedOrderSum handles up to 16 float lanes, the species has " + L);
        }
    }

    private FixedOrderSum() {}

    /** Lane 0 after adding lane i + h into lane i for h = L/2, L/4, ..., 1. */
    public static float sum(FloatVector v) {
        if (L > 8) {
            v = v.add(v.rearrange(BY8));
        }
        if (L > 4) {
            v = v.add(v.rearrange(BY4));
        }
        if (L > 2) {
            v = v.add(v.rearrange(BY2));
        }
        if (L > 1) {
            v = v.add(v.rearrange(BY1));
        }
        return v.lane(0);
    }

    /** The same tree on an array of {@link #lanes()} values, in scalar code: the reference. */
    public static float sumReference(float[] lanes) {
        float[] a = lanes.clone();
        for (int h = L / 2; h >= 1; h /= 2) {
            for (int i = 0; i < h; i++) {
                a[i] = a[i] + a[i + h];
            }
        }
        return a[0];
    }

    /** Lanes of the vectors this class sums. */
    public static int lanes() {
        return L;
    }

    private static VectorShuffle<Float> rotation(int by) {
        return VectorShuffle.fromOp(S, i -> (i + by) % L);
    }
}
