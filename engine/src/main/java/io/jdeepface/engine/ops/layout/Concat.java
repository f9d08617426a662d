package io.jdeepface.engine.ops.layout;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelSpec;
import io.jdeepface.engine.ops.SpecReader;
import io.jdeepface.engine.ops.WorkSplit;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Concat along any axis of any number of inputs (any element type). Seen as
 * {@code [outer, axis * inner]}, each input contributes one contiguous block per outer index, so
 * the kernel is a sequence of bulk copies; concatenating channels of a batch-1 NCHW tensor is one
 * copy per input. Constant inputs (e.g. the zero channels BlazeFace appends) are captured at load.
 */
public final class Concat implements Kernel {
    private final int outer;
    private final long[] blockBytes;
    private final long[] offsetBytes;
    private final long rowBytes;
    private final MemorySegment[] constants;

    private Concat(int outer, long[] blockBytes, long[] offsetBytes, long rowBytes, MemorySegment[] constants) {
        this.outer = outer;
        this.blockBytes = blockBytes;
        this.offsetBytes = offsetBytes;
        this.rowBytes = rowBytes;
        this.constants = constants;
    }

    /** A kernel for a Concat node. */
    public static Kernel create(KernelSpec spec) {
        if (!spec.node().opType().equals("Concat")) {
            throw SpecReader.invalid(spec, "is not Concat");
        }
        int n = spec.node().inputs().size();
        SpecReader.requireArity(spec, 1, Math.max(1, n), 1);
        int[] out = SpecReader.outputDims(spec, 0);
        if (spec.node().attribute("axis").isEmpty()) {
            throw SpecReader.invalid(spec, "the axis attribute is required");
        }
        int axis = SpecReader.axis(spec, spec.node().intAttr("axis", 0), out.length, "axis");
        int size = 0;
        int total = 0;
        int[][] dims = new int[n][];
        for (int i = 0; i < n; i++) {
            size = LayoutChecks.elementSize(spec, spec.input(i), spec.output(0));
            dims[i] = SpecReader.inputDims(spec, i);
            int[] expected = out.clone();
            expected[axis] = dims[i].length == out.length ? dims[i][axis] : -1;
            if (!Arrays.equals(dims[i], expected)) {
                throw SpecReader.invalid(spec, "input " + i + " has shape " + Arrays.toString(dims[i])
                        + ", which does not fit output " + Arrays.toString(out) + " on axis " + axis);
            }
            total += dims[i][axis];
        }
        if (total != out[axis]) {
            throw SpecReader.invalid(spec, "inputs add up to " + total + " on axis " + axis + ", output has " + out[axis]);
        }
        int outer = 1;
        long inner = size;
        for (int k = 0; k < axis; k++) {
            outer *= out[k];
        }
        for (int k = axis + 1; k < out.length; k++) {
            inner *= out[k];
        }
        long[] block = new long[n];
        long[] offset = new long[n];
        long at = 0;
        for (int i = 0; i < n; i++) {
            block[i] = dims[i][axis] * inner;
            offset[i] = at;
            at += block[i];
        }
        return new Concat(outer, block, offset, at, SpecReader.constantInputs(spec));
    }

    @Override
    public void run(MemorySegment[] inputs, MemorySegment[] outputs, Parallel parallel) {
        WorkSplit.forRange(parallel, outer * blockBytes.length, outer * rowBytes / 4, inputs, outputs, blocks);
    }

    /** Blocks [start, end) (outer index, input); made once, so a run allocates nothing. */
    private final Parallel.StepBody blocks = this::blocks;

    private void blocks(MemorySegment[] inputs, MemorySegment[] outputs, int start, int end) {
        MemorySegment out = outputs[0];
        int n = blockBytes.length;
        for (int item = start; item < end; item++) {
            int o = item / n;
            int i = item % n;
            if (blockBytes[i] > 0) {
                Elements.copyBytes(SpecReader.input(constants, inputs, i), o * blockBytes[i],
                        out, o * rowBytes + offsetBytes[i], blockBytes[i]);
            }
        }
    }
}
