package io.jdeepface.converter.tfjs;

import io.jdeepface.engine.format.ModelFormatException;
import io.jdeepface.engine.tensor.Shape;
import java.util.Arrays;

/**
 * TF's shape rules that the importer needs to know static shapes: broadcasting, reshape
 * targets with -1, negative axes.
 */
final class ShapeRules {
    private ShapeRules() {}

    static int axis(TfNode n, long axis, int rank) throws ModelFormatException {
        if (axis < -rank || axis >= rank) {
            throw new ModelFormatException(n.describe() + ": axis " + axis + " is out of range for rank " + rank);
        }
        return (int) (axis < 0 ? axis + rank : axis);
    }

    static long[] broadcast(TfNode n, long[] a, long[] b) throws ModelFormatException {
        int r = Math.max(a.length, b.length);
        long[] out = new long[r];
        for (int i = 0; i < r; i++) {
            long x = i < r - a.length ? 1 : a[i - (r - a.length)];
            long y = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (x == y || y == 1) {
                out[i] = x;
            } else if (x == 1) {
                out[i] = y;
            } else if (x == Shape.DYNAMIC || y == Shape.DYNAMIC) {
                out[i] = x == Shape.DYNAMIC ? y : x;
            } else {
                throw new ModelFormatException(n.describe() + ": shapes " + Shape.of(a) + " and " + Shape.of(b)
                        + " do not broadcast");
            }
        }
        return out;
    }

    static long[] reshapeTarget(TfNode n, long[] in, long[] target) throws ModelFormatException {
        if (target.length > Shape.MAX_RANK) {
            throw new ModelFormatException(n.describe() + ": target rank " + target.length + " exceeds " + Shape.MAX_RANK);
        }
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == -1 && inferred < 0) {
                inferred = i;
            } else if (target[i] <= 0) {
                throw new ModelFormatException(n.describe() + ": target shape " + Arrays.toString(target)
                        + " is not supported (sizes must be positive, at most one -1)");
            } else {
                known = Math.multiplyExact(known, target[i]);
            }
        }
        long[] out = target.clone();
        boolean inStatic = Shape.of(in).isStatic();
        long total = inStatic ? Shape.of(in).elementCount() : -1;
        if (inferred >= 0) {
            if (inStatic) {
                if (total % known != 0) {
                    throw new ModelFormatException(n.describe() + ": cannot reshape " + Shape.of(in) + " to "
                            + Arrays.toString(target));
                }
                out[inferred] = total / known;
            } else {
                out[inferred] = Shape.DYNAMIC;
            }
        } else if (inStatic && total != known) {
            throw new ModelFormatException(n.describe() + ": cannot reshape " + Shape.of(in) + " ("
                    + total + " elements) to " + Arrays.toString(target));
        }
        return out;
    }
}
