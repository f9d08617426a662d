package io.jdeepface.engine.ops.layout;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelSpec;
import io.jdeepface.engine.ops.SpecReader;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Transpose: output axis k is input axis {@code perm[k]} (default: reversed axes), any element
 * type. Runs as a {@link StridedCopy}: the NCHW/NHWC conversions become tiled 2-D transposes,
 * perms that keep the last axis become row copies.
 */
public final class Transpose implements Kernel {
    private final StridedCopy copy;
    private final MemorySegment constant;

    private Transpose(StridedCopy copy, MemorySegment constant) {
        this.copy = copy;
        this.constant = constant;
    }

    /** A kernel for a Transpose node. */
    public static Kernel create(KernelSpec spec) {
        if (!spec.node().opType().equals("Transpose")) {
            throw SpecReader.invalid(spec, "is not Transpose");
        }
        SpecReader.requireArity(spec, 1, 1, 1);
        int size = LayoutChecks.elementSize(spec, spec.input(0), spec.output(0));
        int[] in = SpecReader.inputDims(spec, 0);
        int rank = in.length;
        long[] perm = spec.node().intsAttr("perm", null);
        if (perm == null || perm.length == 0 && rank > 0) {
            perm = new long[rank];
            for (int k = 0; k < rank; k++) {
                perm[k] = rank - 1 - k;
            }
        }
        if (perm.length != rank) {
            throw SpecReader.invalid(spec, "perm " + Arrays.toString(perm) + " does not match rank " + rank);
        }
        boolean[] seen = new boolean[rank];
        int[] inStrides = SpecReader.strides(in);
        int[] out = new int[rank];
        long[] srcStrides = new long[rank];
        for (int k = 0; k < rank; k++) {
            int axis = SpecReader.axis(spec, perm[k], rank, "perm entry");
            if (seen[axis]) {
                throw SpecReader.invalid(spec, "perm " + Arrays.toString(perm) + " is not a permutation");
            }
            seen[axis] = true;
            out[k] = in[axis];
            srcStrides[k] = inStrides[axis];
        }
        LayoutChecks.requireOutput(spec, out, 0);
        return new Transpose(StridedCopy.of(size, out, srcStrides, 0), SpecReader.constantInputs(spec)[0]);
    }

    /** Which loop the plan chose (for tests). */
    StridedCopy.Mode mode() {
        return copy.mode();
    }

    @Override
    public void run(MemorySegment[] inputs, MemorySegment[] outputs, Parallel parallel) {
        copy.run(constant, inputs, outputs, parallel);
    }
}
