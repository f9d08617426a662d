package io.jdeepface.engine.ops.layout;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelSpec;
import io.jdeepface.engine.ops.SpecReader;
import io.jdeepface.engine.ops.WorkSplit;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Split along one axis (any element type), the reverse of {@link Concat}. The part sizes are the
 * outputs' static sizes on that axis; a {@code split} attribute (opset up to 12) or constant
 * {@code split} input (opset 13 on) must agree with them, and without either the parts are the
 * equal split ONNX defines. An output buffer passed as {@link MemorySegment#NULL} is skipped.
 */
public final class Split implements Kernel {
    private final int outer;
    private final long[] blockBytes;
    private final long[] offsetBytes;
    private final long rowBytes;
    private final MemorySegment constant;

    private Split(int outer, long[] blockBytes, long[] offsetBytes, long rowBytes, MemorySegment constant) {
        this.outer = outer;
        this.blockBytes = blockBytes;
        this.offsetBytes = offsetBytes;
        this.rowBytes = rowBytes;
        this.constant = constant;
    }

    /** A kernel for a Split node. */
    public static Kernel create(KernelSpec spec) {
        Node node = spec.node();
        if (!node.opType().equals("Split")) {
            throw SpecReader.invalid(spec, "is not Split");
        }
        SpecReader.requireArity(spec, 1, 2, 1);
        int[] in = SpecReader.inputDims(spec, 0);
        if (in.length == 0) {
            throw SpecReader.invalid(spec, "cannot split a scalar");
        }
        int axis = SpecReader.axis(spec, node.intAttr("axis", 0), in.length, "axis");
        int n = spec.outputs().size();
        int size = 0;
        long[] parts = new long[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            size = LayoutChecks.elementSize(spec, spec.input(0), spec.output(i));
            int[] out = SpecReader.outputDims(spec, i);
            int[] expected = in.clone();
            expected[axis] = out.length == in.length ? out[axis] : -1;
            if (!Arrays.equals(out, expected)) {
                throw SpecReader.invalid(spec, "output " + i + " has shape " + Arrays.toString(out)
                        + ", which is not a part of input " + Arrays.toString(in) + " on axis " + axis);
            }
            parts[i] = out[axis];
            total += out[axis];
        }
        if (total != in[axis]) {
            throw SpecReader.invalid(spec, "outputs add up to " + total + " on axis " + axis + ", input has " + in[axis]);
        }
        long[] declared = node.hasInput(1) ? SpecReader.constantInts(spec, 1, "split") : node.intsAttr("split", null);
        if (declared != null && declared.length > 0 && !Arrays.equals(declared, parts)) {
            throw SpecReader.invalid(spec, "split " + Arrays.toString(declared) + " does not match the output sizes "
                    + Arrays.toString(parts));
        }
        if ((declared == null || declared.length == 0) && node.attribute("num_outputs").isEmpty()) {
            for (long p : parts) {
                if (p * n != in[axis]) {
                    throw SpecReader.invalid(spec, "without split sizes the " + n + " outputs must be equal parts of "
                            + in[axis] + ", they are " + Arrays.toString(parts));
                }
            }
        }
        int outer = 1;
        long inner = size;
        for (int k = 0; k < axis; k++) {
            outer *= in[k];
        }
        for (int k = axis + 1; k < in.length; k++) {
            inner *= in[k];
        }
        long[] block = new long[n];
        long[] offset = new long[n];
        long at = 0;
        for (int i = 0; i < n; i++) {
            block[i] = parts[i] * inner;
            offset[i] = at;
            at += block[i];
        }
        return new Split(outer, block, offset, at, SpecReader.constantInputs(spec)[0]);
    }

    @Override
    public void run(MemorySegment[] inputs, MemorySegment[] outputs, Parallel parallel) {
        WorkSplit.forRange(parallel, outer * blockBytes.length, outer * rowBytes / 4, inputs, outputs, blocks);
    }

    /** Blocks [start, end) (outer index, output); made once, so a run allocates nothing. */
    private final Parallel.StepBody blocks = this::blocks;

    private void blocks(MemorySegment[] inputs, MemorySegment[] outputs, int start, int end) {
        MemorySegment in = constant != null ? constant : inputs[0];
        int n = blockBytes.length;
        for (int item = start; item < end; item++) {
            int o = item / n;
            int i = item % n;
            MemorySegment out = outputs[i];
            if (blockBytes[i] > 0 && out != null && !out.equals(MemorySegment.NULL)) {
                Elements.copyBytes(in, o * rowBytes + offsetBytes[i], out, o * blockBytes[i], blockBytes[i]);
            }
        }
    }
}
