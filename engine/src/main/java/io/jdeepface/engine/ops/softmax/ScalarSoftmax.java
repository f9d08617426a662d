package io.jdeepface.engine.ops.softmax;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.WorkSplit;
import java.lang.foreign.MemorySegment;

/** The scalar reference: per softmax line, max, then exp and a double sum, then divide. */
final class ScalarSoftmax implements Kernel {
    private final Softmax.Geometry g;

    ScalarSoftmax(Softmax.Geometry g) {
        this.g = g;
    }

    @Override
    public void run(MemorySegment[] inputs, MemorySegment[] outputs, Parallel parallel) {
        MemorySegment in = inputs[0];
        MemorySegment out = outputs[0];
        int lines = g.outer() * g.inner();
        WorkSplit.forRange(parallel, lines, g.elements() * 4, (start, end) -> {
            for (int line = start; line < end; line++) {
                long base = (long) (line / g.inner()) * g.n() * g.inner() + line % g.inner();
                line(in, out, base, g.inner(), g.n());
            }
        });
    }

    /** Softmax of the n elements at base, base+stride, ... (also the vector kernel's tail). */
    static void line(MemorySegment in, MemorySegment out, long base, long stride, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            max = Math.max(max, in.getAtIndex(JAVA_FLOAT_UNALIGNED, base + k * stride));
        }
        double sum = 0;
        for (int k = 0; k < n; k++) {
            float e = (float) Math.exp(in.getAtIndex(JAVA_FLOAT_UNALIGNED, base + k * stride) - max);
            out.setAtIndex(JAVA_FLOAT_UNALIGNED, base + k * stride, e);
            sum += e;
        }
        float scale = (float) (1.0 / sum);
        for (int k = 0; k < n; k++) {
            long i = base + k * stride;
            out.setAtIndex(JAVA_FLOAT_UNALIGNED, i, out.getAtIndex(JAVA_FLOAT_UNALIGNED, i) * scale);
        }
    }
}
