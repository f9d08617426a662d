package io.jdeepface.engine.ops.reduce;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.WorkSplit;
import java.lang.foreign.MemorySegment;

/**
 * The scalar reference: each output element sums its input elements in double. Any pattern of
 * reduced axes works: an odometer walks the reduced axes from the output element's base offset.
 */
final class ScalarReduceMean implements Kernel {
    private final ReduceMean.Plan plan;
    private final int[] keptDims;
    private final long[] keptStrides;
    private final int[] reducedDims;
    private final long[] reducedStrides;
    private final int reducedCount;

    ScalarReduceMean(ReduceMean.Plan plan) {
        this.plan = plan;
        int[] dims = plan.dims();
        long[] strides = new long[dims.length];
        long acc = 1;
        for (int k = dims.length - 1; k >= 0; k--) {
            strides[k] = acc;
            acc *= dims[k];
        }
        int kept = 0;
        for (boolean r : plan.reduced()) {
            kept += r ? 0 : 1;
        }
        keptDims = new int[kept];
        keptStrides = new long[kept];
        reducedDims = new int[dims.length - kept];
        reducedStrides = new long[dims.length - kept];
        int ki = 0, ri = 0, count = 1;
        for (int k = 0; k < dims.length; k++) {
            if (plan.reduced()[k]) {
                reducedDims[ri] = dims[k];
                reducedStrides[ri++] = strides[k];
                count *= dims[k];
            } else {
                keptDims[ki] = dims[k];
                keptStrides[ki++] = strides[k];
            }
        }
        reducedCount = count;
    }

    @Override
    public void run(MemorySegment[] inputs, MemorySegment[] outputs, Parallel parallel) {
        MemorySegment in = inputs[0];
        MemorySegment out = outputs[0];
        WorkSplit.forRange(parallel, plan.outCount(), plan.work(), (start, end) -> {
            int[] idx = new int[reducedDims.length];
            for (int o = start; o < end; o++) {
                long base = 0;
                int rem = o;
                for (int k = keptDims.length - 1; k >= 0; k--) {
                    base += (rem % keptDims[k]) * keptStrides[k];
                    rem /= keptDims[k];
                }
                java.util.Arrays.fill(idx, 0);
                double sum = 0;
                long off = base;
                for (int i = 0; i < reducedCount; i++) {
                    sum += in.getAtIndex(JAVA_FLOAT_UNALIGNED, off);
                    for (int k = reducedDims.length - 1; k >= 0; k--) {
                        off += reducedStrides[k];
                        if (++idx[k] < reducedDims[k]) {
                            break;
                        }
                        off -= reducedStrides[k] * reducedDims[k];
                        idx[k] = 0;
                    }
                }
                out.setAtIndex(JAVA_FLOAT_UNALIGNED, o, (float) (sum / reducedCount));
            }
        });
    }
}
