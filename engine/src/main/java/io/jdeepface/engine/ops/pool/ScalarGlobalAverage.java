package io.jdeepface.engine.ops.pool;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.WorkSplit;
import java.lang.foreign.MemorySegment;

/** GlobalAveragePool, scalar reference: the mean of each contiguous plane, summed in double. */
final class ScalarGlobalAverage implements Kernel {
    private final int planes;
    private final int size;

    ScalarGlobalAverage(int planes, int size) {
        this.planes = planes;
        this.size = size;
    }

    @Override
    public void run(MemorySegment[] inputs, MemorySegment[] outputs, Parallel parallel) {
        MemorySegment in = inputs[0];
        MemorySegment out = outputs[0];
        WorkSplit.forRange(parallel, planes, (long) planes * size, (start, end) -> {
            for (int c = start; c < end; c++) {
                long base = (long) c * size;
                double sum = 0;
                for (int i = 0; i < size; i++) {
                    sum += in.getAtIndex(JAVA_FLOAT_UNALIGNED, base + i);
                }
                out.setAtIndex(JAVA_FLOAT_UNALIGNED, c, (float) (sum / size));
            }
        });
    }
}
