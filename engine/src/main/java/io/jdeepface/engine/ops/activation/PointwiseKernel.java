package io.jdeepface.engine.ops.activation;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelSpec;
import io.jdeepface.engine.ops.UnsupportedOperatorException;
import io.jdeepface.engine.tensor.DataType;
import java.lang.foreign.MemorySegment;

/**
 * The kernel of a standalone elementwise node, {@code Y = f(X)}: the tensor is treated as one flat
 * run of floats and split across threads in contiguous blocks. The size is taken from the buffer,
 * so a dynamic batch needs nothing special.
 */
final class PointwiseKernel implements Kernel {

    /** {@code f} over {@code [first, first + count)} of src into dst (they may be the same buffer). */
    @FunctionalInterface
    interface RangeFunction {
        void apply(MemorySegment src, MemorySegment dst, long first, long count);
    }

    /** Below this many floats a second thread costs more (hand-off, a few microseconds) than it saves. */
    static final long MIN_PARALLEL_FLOATS = 1 << 14;
    /** Threads split work in multiples of this, so no two threads write the same cache line. */
    private static final long GRAIN = 64;

    private final RangeFunction function;

    private PointwiseKernel(RangeFunction function) {
        this.function = function;
    }

    static Kernel of(RangeFunction function) {
        return new PointwiseKernel(function);
    }

    /** The activation {@code a} (with PRelu's single {@code slope}) as a range function. */
    static RangeFunction activation(Activation a, float slope, boolean vector) {
        // Only the lambda bodies name ActivationVector, so the scalar path never loads it.
        return vector
                ? (src, dst, first, count) -> ActivationVector.apply(a, src, dst, first, count, slope)
                : (src, dst, first, count) -> ActivationReference.apply(a, src, dst, first, count, slope);
    }

    /** Grains [start, end) of input 0 into output 0; made once, so a run allocates nothing. */
    private final Parallel.StepBody grains = this::grains;

    private void grains(MemorySegment[] in, MemorySegment[] out, int start, int end) {
        long n = floatCount(in[0]);
        long first = start * GRAIN;
        long last = Math.min(n, end * GRAIN);
        function.apply(in[0], out[0], first, last - first);
    }

    @Override
    public void run(MemorySegment[] inputs, MemorySegment[] outputs, Parallel parallel) {
        MemorySegment x = inputs[0];
        long n = floatCount(x);
        checkSizes(x, outputs[0]);
        if (parallel.threads() <= 1 || n < MIN_PARALLEL_FLOATS) {
            function.apply(x, outputs[0], 0, n);
            return;
        }
        parallel.forRange(Math.toIntExact((n + GRAIN - 1) / GRAIN), inputs, outputs, grains);
    }

    private static void checkSizes(MemorySegment x, MemorySegment y) {
        if (y.byteSize() < x.byteSize()) {
            throw new IllegalArgumentException("output buffer holds " + y.byteSize() / Float.BYTES
                    + " floats, input " + floatCount(x));
        }
    }

    /** Applies {@code f} to all of {@code x} into {@code y}, in parallel when it is large enough. */
    static void run(MemorySegment x, MemorySegment y, Parallel parallel, RangeFunction f) {
        long n = floatCount(x);
        checkSizes(x, y);
        if (parallel.threads() <= 1 || n < MIN_PARALLEL_FLOATS) {
            f.apply(x, y, 0, n);
            return;
        }
        int grains = Math.toIntExact((n + GRAIN - 1) / GRAIN);
        parallel.forRange(grains, (start, end) -> {
            long first = start * GRAIN;
            long last = Math.min(n, end * GRAIN);
            f.apply(x, y, first, last - first);
        });
    }

    static long floatCount(MemorySegment x) {
        return x.byteSize() / Float.BYTES;
    }

    /** Stops at load time when the node's data input is not float32 (the only type these ops run on). */
    static void requireFloat(KernelSpec spec) {
        ValueInfo x = spec.input(0);
        if (x != null && x.type() != DataType.FLOAT32) {
            throw new UnsupportedOperatorException("node '" + spec.node().name() + "' ("
                    + spec.node().opType() + "): input type " + x.type() + " is not supported, only FLOAT32");
        }
    }
}
