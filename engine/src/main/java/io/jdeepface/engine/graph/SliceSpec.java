package io.jdeepface.engine.graph;

import java.util.Arrays;

/**
 * A Slice node resolved against its input shape: for every input dim the first index, the step
 * and the number of elements taken (dims not sliced keep start 0, step 1, full length). Follows
 * the ONNX clamping rules for negative and out-of-range starts and ends. Reads opset 1-9
 * attributes ({@code starts}, {@code ends}, {@code axes}) or opset 10+ inputs.
 */
record SliceSpec(long[] starts, long[] steps, long[] outDims) {

    /** Resolves the slice; null when its parameters are only known at run time. */
    static SliceSpec resolve(NodeView v, long[] dims) {
        long[] starts;
        long[] ends;
        long[] axes;
        long[] steps;
        if (v.node().attributes().containsKey("starts")) {
            starts = v.node().intsAttr("starts", new long[0]);
            ends = v.node().intsAttr("ends", new long[0]);
            axes = v.node().intsAttr("axes", null);
            steps = null;
        } else {
            starts = v.ints(1);
            ends = v.ints(2);
            axes = v.has(3) ? v.ints(3) : null;
            steps = v.has(4) ? v.ints(4) : null;
            if (starts == null || ends == null || (v.has(3) && axes == null) || (v.has(4) && steps == null)) {
                return null;
            }
        }
        int k = starts.length;
        if (ends.length != k) {
            throw v.fail(k + " starts but " + ends.length + " ends");
        }
        if (axes == null) {
            axes = new long[k];
            for (int i = 0; i < k; i++) {
                axes[i] = i;
            }
        }
        if (steps == null) {
            steps = new long[k];
            Arrays.fill(steps, 1);
        }
        if (axes.length != k || steps.length != k) {
            throw v.fail("starts, ends, axes and steps must have the same length");
        }
        long[] outStarts = new long[dims.length];
        long[] outSteps = new long[dims.length];
        long[] outDims = dims.clone();
        Arrays.fill(outSteps, 1);
        boolean[] seen = new boolean[dims.length];
        for (int i = 0; i < k; i++) {
            int axis = v.axis(axes[i], dims.length);
            if (seen[axis]) {
                throw v.fail("axis " + axis + " is sliced twice");
            }
            seen[axis] = true;
            long step = steps[i];
            if (step == 0) {
                throw v.fail("step must not be 0");
            }
            outSteps[axis] = step;
            long dim = dims[axis];
            if (Dims.isDynamic(dim)) {
                outDims[axis] = Dims.DYNAMIC;
                continue;
            }
            long start = starts[i] < 0 ? saturatingAdd(starts[i], dim) : starts[i];
            long end = ends[i] < 0 ? saturatingAdd(ends[i], dim) : ends[i];
            long count;
            if (step > 0) {
                start = clamp(start, 0, dim);
                end = clamp(end, 0, dim);
                count = end > start ? (end - start + step - 1) / step : 0;
            } else {
                start = clamp(start, 0, dim - 1);
                end = clamp(end, -1, dim - 1);
                count = start > end ? (start - end + (-step) - 1) / (-step) : 0;
            }
            outStarts[axis] = start;
            outDims[axis] = count;
        }
        return new SliceSpec(outStarts, outSteps, outDims);
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
    }

    private static long clamp(long x, long lo, long hi) {
        return Math.max(lo, Math.min(hi, x));
    }
}
