package io.jdeepface.engine.graph;

import io.jdeepface.engine.tensor.Shape;

/** Small arithmetic on dimension lists where a dimension may be {@link Shape#DYNAMIC}. */
final class Dims {
    private Dims() {}

    static final long DYNAMIC = Shape.DYNAMIC;

    static boolean isDynamic(long d) {
        return d == DYNAMIC;
    }

    /** Product of dims[from, to); DYNAMIC if any of them is. */
    static long product(long[] dims, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) {
            if (dims[i] == DYNAMIC) {
                return DYNAMIC;
            }
            p = Math.multiplyExact(p, dims[i]);
        }
        return p;
    }

    static long product(long[] dims) {
        return product(dims, 0, dims.length);
    }

    /**
     * Two dims that must be equal: returns the known one when the other is dynamic, or null when
     * both are known and differ.
     */
    static Long unify(long a, long b) {
        if (a == DYNAMIC) {
            return b;
        }
        if (b == DYNAMIC || a == b) {
            return a;
        }
        return null;
    }

    /** Row-major strides of a static shape. */
    static int[] strides(long[] dims) {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc = Math.multiplyExact(acc, Math.toIntExact(dims[i]));
        }
        return s;
    }

    /**
     * Numpy (multidirectional) broadcasting of several shapes. A dynamic dim against 1 stays
     * dynamic; against a known size n it is taken as n. Returns null on a mismatch.
     */
    static long[] broadcast(long[]... shapes) {
        int rank = 0;
        for (long[] s : shapes) {
            rank = Math.max(rank, s.length);
        }
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long d = 1;
            boolean sawDynamic = false;
            for (long[] s : shapes) {
                int j = i - (rank - s.length);
                if (j < 0) {
                    continue;
                }
                long e = s[j];
                if (e == DYNAMIC) {
                    sawDynamic = true;
                } else if (e != 1) {
                    if (d != 1 && d != e) {
                        return null;
                    }
                    d = e;
                }
            }
            out[i] = (d == 1 && sawDynamic) ? DYNAMIC : d;
        }
        return out;
    }

    static String toString(long[] dims) {
        return new Shape(dims).toString();
    }
}
