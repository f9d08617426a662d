package io.jdeepface.engine.ops.layout;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelSpec;
import io.jdeepface.engine.ops.SpecReader;
import io.jdeepface.engine.ops.WorkSplit;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Set;

/**
 * Reshape, Flatten, Squeeze, Unsqueeze and Identity: the same elements in the same order under a
 * new shape, which comes from the output's static shape (the shape input or the axes are not
 * re-evaluated). The kernel copies the bytes; when the planner gives output and input the same
 * buffer, it does nothing.
 */
public final class Reshape implements Kernel {
    /** The op types this kernel runs. */
    public static final Set<String> OP_TYPES = Set.of("Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity");

    private final long bytes;
    private final MemorySegment constant;

    private Reshape(long bytes, MemorySegment constant) {
        this.bytes = bytes;
        this.constant = constant;
    }

    /** A kernel for a Reshape, Flatten, Squeeze, Unsqueeze or Identity node. */
    public static Kernel create(KernelSpec spec) {
        if (!OP_TYPES.contains(spec.node().opType())) {
            throw SpecReader.invalid(spec, "is not a reshape-like operator");
        }
        SpecReader.requireArity(spec, 1, 2, 1);
        int size = LayoutChecks.elementSize(spec, spec.input(0), spec.output(0));
        int[] in = SpecReader.inputDims(spec, 0);
        int[] out = SpecReader.outputDims(spec, 0);
        if (SpecReader.elementCount(in) != SpecReader.elementCount(out)) {
            throw SpecReader.invalid(spec, "cannot reshape " + Arrays.toString(in) + " (" + SpecReader.elementCount(in)
                    + " elements) to " + Arrays.toString(out) + " (" + SpecReader.elementCount(out) + ")");
        }
        return new Reshape((long) SpecReader.elementCount(in) * size, SpecReader.constantInputs(spec)[0]);
    }

    @Override
    public void run(MemorySegment[] inputs, MemorySegment[] outputs, Parallel parallel) {
        MemorySegment src = constant != null ? constant : inputs[0];
        MemorySegment dst = outputs[0];
        if (src.isNative() && dst.isNative() && src.address() == dst.address()) {
            return; // aliased by the planner: nothing to move
        }
        if (bytes < (1 << 20) || parallel.threads() <= 1) {
            MemorySegment.copy(src, 0, dst, 0, bytes);
            return;
        }
        // Large copies are split so that both threads stream memory.
        parallel.forRange(PIECES, inputs, outputs, pieces);
    }

    private static final int PIECES = 8;

    /** Pieces [start, end) of the PIECES equal parts; made once, so a run allocates nothing. */
    private final Parallel.StepBody pieces = this::pieces;

    private void pieces(MemorySegment[] inputs, MemorySegment[] outputs, int start, int end) {
        MemorySegment src = constant != null ? constant : inputs[0];
        long piece = (bytes + PIECES - 1) / PIECES;
        for (int p = start; p < end; p++) {
            long from = p * piece;
            long len = Math.min(piece, bytes - from);
            if (len > 0) {
                MemorySegment.copy(src, from, outputs[0], from, len);
            }
        }
    }
}
