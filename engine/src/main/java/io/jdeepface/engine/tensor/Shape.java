package io.jdeepface.engine.tensor;

import java.util.Arrays;

/**
 * A tensor shape. A dimension of {@link #DYNAMIC} is unknown until run time (in practice only the
 * batch dimension of model inputs). Immutable: the array is copied in and out.
 */
public record Shape(long[] dims) {
    public static final long DYNAMIC = -1;
    /** Sanity limit on rank: face models never exceed 6; a larger value means a corrupt file. */
    public static final int MAX_RANK = 8;

    public Shape {
        dims = dims.clone();
        if (dims.length > MAX_RANK) {
            throw new IllegalArgumentException("rank " + dims.length + " exceeds " + MAX_RANK);
        }
        for (long d : dims) {
            if (d < 0 && d != DYNAMIC) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(dims));
            }
        }
    }

    public static Shape of(long... dims) {
        return new Shape(dims);
    }

    public static Shape scalar() {
        return new Shape(new long[0]);
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    public long dim(int axis) {
        return dims[axis];
    }

    public boolean isStatic() {
        for (long d : dims) {
            if (d == DYNAMIC) {
                return false;
            }
        }
        return true;
    }

    /** Number of elements; throws for dynamic shapes and on overflow. */
    public long elementCount() {
        long n = 1;
        for (long d : dims) {
            if (d == DYNAMIC) {
                throw new IllegalStateException("shape " + this + " is not static");
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public Shape withDim(int axis, long value) {
        long[] d = dims.clone();
        d[axis] = value;
        return new Shape(d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                sb.append('x');
            }
            sb.append(dims[i] == DYNAMIC ? "?" : Long.toString(dims[i]));
        }
        return sb.append(']').toString();
    }
}
