package io.jdeepface.engine.ops;

import io.jdeepface.engine.exec.Parallel;
import java.lang.foreign.MemorySegment;

/**
 * One node, ready to run: built once at load from a {@link KernelSpec} (shapes fixed, weights
 * pre-packed if the kernel wants), then run many times. Inputs and outputs are dense float32 (or
 * int64 for index tensors) row-major buffers in native byte order, in the node's input and output
 * order; an omitted optional input is {@link MemorySegment#NULL}. A kernel keeps no per-run state in
 * fields, so one instance may serve concurrent runs on different buffers.
 */
@FunctionalInterface
public interface Kernel {
    void run(MemorySegment[] inputs, MemorySegment[] outputs, Parallel parallel);
}
