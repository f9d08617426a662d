package io.jdeepface.engine.ops.layout;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelSpec;
import io.jdeepface.engine.ops.SpecReader;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Slice with constant starts/ends/axes/steps: inputs 1..4 from opset 10, attributes before. Negative
 * indices count from the end; out-of-range indices are clamped (ONNX rules, so {@code ends =
 * INT64_MAX} means "to the end"); steps may be negative or greater than 1. Any element type.
 */
public final class Slice implements Kernel {
    private final StridedCopy copy;
    private final MemorySegment constant;

    private Slice(StridedCopy copy, MemorySegment constant) {
        this.copy = copy;
        this.constant = constant;
    }

    /** A kernel for a Slice node. */
    public static Kernel create(KernelSpec spec) {
        Node node = spec.node();
        if (!node.opType().equals("Slice")) {
            throw SpecReader.invalid(spec, "is not Slice");
        }
        boolean inputsForm = node.hasInput(1);
        SpecReader.requireArity(spec, inputsForm ? 3 : 1, 5, 1);
        int size = LayoutChecks.elementSize(spec, spec.input(0), spec.output(0));
        int[] in = SpecReader.inputDims(spec, 0);
        int rank = in.length;
        long[] starts = inputsForm ? SpecReader.constantInts(spec, 1, "starts") : node.intsAttr("starts", null);
        long[] ends = inputsForm ? SpecReader.constantInts(spec, 2, "ends") : node.intsAttr("ends", null);
        long[] axes = inputsForm ? SpecReader.constantInts(spec, 3, "axes") : node.intsAttr("axes", null);
        long[] steps = inputsForm ? SpecReader.constantInts(spec, 4, "steps") : null;
        if (starts == null || ends == null || starts.length != ends.length) {
            throw SpecReader.invalid(spec, "starts and ends must be given with equal lengths: "
                    + Arrays.toString(starts) + ", " + Arrays.toString(ends));
        }
        int n = starts.length;
        if (axes != null && axes.length != n || steps != null && steps.length != n) {
            throw SpecReader.invalid(spec, "axes " + Arrays.toString(axes) + " and steps " + Arrays.toString(steps)
                    + " must have " + n + " entries like starts");
        }
        // Default: the whole axis with step 1.
        long[] start = new long[rank];
        long[] step = new long[rank];
        int[] out = in.clone();
        Arrays.fill(step, 1);
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < n; i++) {
            int axis = axes == null ? i : SpecReader.axis(spec, axes[i], rank, "axis");
            if (axis >= rank) {
                throw SpecReader.invalid(spec, "more starts than axes (rank " + rank + ")");
            }
            if (seen[axis]) {
                throw SpecReader.invalid(spec, "axis " + axis + " is sliced twice");
            }
            seen[axis] = true;
            long s = steps == null ? 1 : steps[i];
            if (s == 0) {
                throw SpecReader.invalid(spec, "step 0 on axis " + axis);
            }
            long[] range = clamp(starts[i], ends[i], s, in[axis]);
            start[axis] = range[0];
            step[axis] = s;
            out[axis] = (int) range[1];
        }
        LayoutChecks.requireOutput(spec, out, 0);
        int[] inStrides = SpecReader.strides(in);
        long base = 0;
        long[] srcStrides = new long[rank];
        for (int k = 0; k < rank; k++) {
            base += start[k] * inStrides[k];
            srcStrides[k] = step[k] * inStrides[k];
        }
        return new Slice(StridedCopy.of(size, out, srcStrides, base), SpecReader.constantInputs(spec)[0]);
    }

    /**
     * ONNX's index rules for one axis of size {@code dim}: {start, count}. Negative indices add dim;
     * then for a positive step start and end clamp to [0, dim], for a negative step start clamps to
     * [0, dim-1] and end to [-1, dim-1].
     */
    static long[] clamp(long start, long end, long step, int dim) {
        if (dim == 0) {
            return new long[] {0, 0};
        }
        if (start < 0) {
            start += dim;
        }
        if (end < 0) {
            end += dim;
        }
        if (step > 0) {
            start = Math.clamp(start, 0, dim);
            end = Math.clamp(end, 0, dim);
        } else {
            start = Math.clamp(start, 0, dim - 1L);
            end = Math.clamp(end, -1, dim - 1L);
        }
        long span = end - start;
        long count = span == 0 || (span > 0) != (step > 0) ? 0 : (span + step + (step > 0 ? -1 : 1)) / step;
        return new long[] {count == 0 ? 0 : start, count};
    }

    @Override
    public void run(MemorySegment[] inputs, MemorySegment[] outputs, Parallel parallel) {
        copy.run(constant, inputs, outputs, parallel);
    }
}
