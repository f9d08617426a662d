package io.jdeepface.engine.ops.pool;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.WorkSplit;
import java.lang.foreign.MemorySegment;

/**
 * The scalar reference for MaxPool and AveragePool: every output element visits its window
 * directly. Work items are output rows (plane, oy).
 */
final class ScalarPool implements Kernel {
    private final PoolParams p;

    ScalarPool(PoolParams p) {
        this.p = p;
    }

    @Override
    public void run(MemorySegment[] inputs, MemorySegment[] outputs, Parallel parallel) {
        MemorySegment in = inputs[0];
        MemorySegment out = outputs[0];
        WorkSplit.forRange(parallel, p.planes() * p.outH(), p.work(), (start, end) -> {
            for (int item = start; item < end; item++) {
                row(in, out, item / p.outH(), item % p.outH());
            }
        });
    }

    private void row(MemorySegment in, MemorySegment out, int plane, int oy) {
        long inBase = (long) plane * p.inH() * p.inW();
        long outBase = ((long) plane * p.outH() + oy) * p.outW();
        int y0 = oy * p.strideH() - p.padTop();
        for (int ox = 0; ox < p.outW(); ox++) {
            int x0 = ox * p.strideW() - p.padLeft();
            float result;
            if (p.kind() == PoolParams.Kind.MAX) {
                float m = PoolParams.EMPTY_MAX;
                for (int ky = 0; ky < p.kernelH(); ky++) {
                    int iy = y0 + ky * p.dilationH();
                    if (iy < 0 || iy >= p.inH()) {
                        continue;
                    }
                    for (int kx = 0; kx < p.kernelW(); kx++) {
                        int ix = x0 + kx * p.dilationW();
                        if (ix >= 0 && ix < p.inW()) {
                            m = Math.max(m, in.getAtIndex(JAVA_FLOAT_UNALIGNED, inBase + (long) iy * p.inW() + ix));
                        }
                    }
                }
                result = m;
            } else {
                double sum = 0;
                int count = 0;
                for (int iy = Math.max(y0, 0); iy < Math.min(y0 + p.kernelH(), p.inH()); iy++) {
                    for (int ix = Math.max(x0, 0); ix < Math.min(x0 + p.kernelW(), p.inW()); ix++) {
                        sum += in.getAtIndex(JAVA_FLOAT_UNALIGNED, inBase + (long) iy * p.inW() + ix);
                        count++;
                    }
                }
                int divisor = p.countIncludePad()
                        ? PoolParams.averageSpan(y0, p.kernelH(), p.inH(), p.padBottom(), true)
                                * PoolParams.averageSpan(x0, p.kernelW(), p.inW(), p.padRight(), true)
                        : count;
                result = count == 0 ? 0f : (float) (sum / divisor);
            }
            out.setAtIndex(JAVA_FLOAT_UNALIGNED, outBase + ox, result);
        }
    }
}
