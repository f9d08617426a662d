package io.jdeepface.engine.ops.pool;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.WorkSplit;
import io.jdeepface.engine.ops.reduce.FixedOrderSum;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** GlobalAveragePool with the Vector API: per-lane partial sums of each plane, then one reduction. */
final class VectorGlobalAverage implements Kernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private final int planes;
    private final int size;

    VectorGlobalAverage(int planes, int size) {
        this.planes = planes;
        this.size = size;
    }

    @Override
    public void run(MemorySegment[] inputs, MemorySegment[] outputs, Parallel parallel) {
        WorkSplit.forRange(parallel, planes, (long) planes * size, inputs, outputs, averages);
    }

    /** Planes [start, end); made once, so a run allocates nothing. */
    private final Parallel.StepBody averages = this::averages;

    private void averages(MemorySegment[] inputs, MemorySegment[] outputs, int start, int end) {
        MemorySegment in = inputs[0];
        MemorySegment out = outputs[0];
        int bound = S.loopBound(size);
        {
            for (int c = start; c < end; c++) {
                long base = (long) c * size;
                FloatVector acc = FloatVector.zero(S);
                int i = 0;
                for (; i < bound; i += S.length()) {
                    acc = acc.add(FloatVector.fromMemorySegment(S, in, (base + i) * Float.BYTES, NATIVE));
                }
                float sum = FixedOrderSum.sum(acc);
                for (; i < size; i++) {
                    sum += in.getAtIndex(JAVA_FLOAT_UNALIGNED, base + i);
                }
                out.setAtIndex(JAVA_FLOAT_UNALIGNED, c, sum / size);
            }
        }
    }
}
