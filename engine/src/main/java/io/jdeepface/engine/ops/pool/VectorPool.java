package io.jdeepface.engine.ops.pool;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.WorkSplit;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * MaxPool and AveragePool with the Vector API. Both are separable over a rectangular window, so
 * each output row is made in two passes: first the window's input rows are combined column by
 * column into a row buffer (contiguous, fully vectorised), then each output element combines
 * {@code kernelW} entries of that buffer. The second pass is vectorised for stride 1 (shifted
 * loads) and stride 2 (even lanes picked out of two loads), the strides face models use; border
 * columns whose window sticks out of the input, and other strides, run scalar on the buffer.
 * Max results equal the scalar kernel's bit for bit; average sums are in another order.
 */
final class VectorPool implements Kernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    /** Lane indices 0, 2, 4, ...: selects the even elements of two concatenated vectors. */
    private static final FloatVector EVEN_LANES = evenLanes();

    private final PoolParams p;
    private final boolean max;
    private final int interiorStart;
    private final int interiorEnd;

    VectorPool(PoolParams p) {
        this.p = p;
        this.max = p.kind() == PoolParams.Kind.MAX;
        this.interiorStart = p.interiorStart();
        this.interiorEnd = p.interiorEnd();
    }

    private static FloatVector evenLanes() {
        float[] idx = new float[L];
        for (int i = 0; i < L; i++) {
            idx[i] = 2 * i;
        }
        return FloatVector.fromArray(S, idx, 0);
    }

    @Override
    public void run(MemorySegment[] inputs, MemorySegment[] outputs, Parallel parallel) {
        WorkSplit.forRange(parallel, p.planes() * p.outH(), p.work(), inputs, outputs, rows);
    }

    /** Per-thread row scratch; the slack lets stride-2 loads read one vector past the row. */
    private final ThreadLocal<float[]> rowBuffers = ThreadLocal.withInitial(this::newRowBuffer);

    private float[] newRowBuffer() {
        return new float[p.inW() + 2 * L];
    }

    /** Output rows [start, end) over all planes; made once, so a run allocates nothing. */
    private final Parallel.StepBody rows = this::rows;

    private void rows(MemorySegment[] inputs, MemorySegment[] outputs, int start, int end) {
        float[] rowBuffer = rowBuffers.get();
        for (int item = start; item < end; item++) {
            row(inputs[0], outputs[0], item / p.outH(), item % p.outH(), rowBuffer);
        }
    }

    private void row(MemorySegment in, MemorySegment out, int plane, int oy, float[] buf) {
        int w = p.inW();
        long outBase = ((long) plane * p.outH() + oy) * p.outW();
        int y0 = oy * p.strideH() - p.padTop();
        int rows = combineRows(in, (long) plane * p.inH() * w, y0, buf);
        if (rows == 0) { // the window lies in the padding only
            float empty = max ? PoolParams.EMPTY_MAX : 0f;
            for (int ox = 0; ox < p.outW(); ox++) {
                out.setAtIndex(JAVA_FLOAT_UNALIGNED, outBase + ox, empty);
            }
            return;
        }
        int rowSpan = max ? 1 : p.countIncludePad()
                ? PoolParams.averageSpan(y0, p.kernelH(), p.inH(), p.padBottom(), true) : rows;
        int ox = interiorStart;
        if (p.strideW() == 1) {
            ox = interiorStride1(buf, out, outBase, rowSpan);
        } else if (p.strideW() == 2) {
            ox = interiorStride2(buf, out, outBase, rowSpan);
        }
        for (; ox < interiorEnd; ox++) {
            out.setAtIndex(JAVA_FLOAT_UNALIGNED, outBase + ox, column(buf, ox, y0, rowSpan));
        }
        for (int b = 0; b < interiorStart; b++) {
            out.setAtIndex(JAVA_FLOAT_UNALIGNED, outBase + b, column(buf, b, y0, rowSpan));
        }
        for (int b = interiorEnd; b < p.outW(); b++) {
            out.setAtIndex(JAVA_FLOAT_UNALIGNED, outBase + b, column(buf, b, y0, rowSpan));
        }
    }

    /** Combines the window's input rows into buf[0, inW); returns how many rows lie in the input. */
    private int combineRows(MemorySegment in, long planeBase, int y0, float[] buf) {
        int w = p.inW();
        int bound = S.loopBound(w);
        int rows = 0;
        for (int ky = 0; ky < p.kernelH(); ky++) {
            int iy = y0 + ky * p.dilationH();
            if (iy < 0 || iy >= p.inH()) {
                continue;
            }
            long rowBytes = (planeBase + (long) iy * w) * Float.BYTES;
            int x = 0;
            if (rows++ == 0) { // the first row is copied (a vector loop beats MemorySegment.copy on short rows)
                for (; x < bound; x += L) {
                    FloatVector.fromMemorySegment(S, in, rowBytes + (long) x * Float.BYTES, NATIVE).intoArray(buf, x);
                }
                for (; x < w; x++) {
                    buf[x] = in.get(JAVA_FLOAT_UNALIGNED, rowBytes + (long) x * Float.BYTES);
                }
            } else if (max) {
                for (; x < bound; x += L) {
                    FloatVector v = FloatVector.fromMemorySegment(S, in, rowBytes + (long) x * Float.BYTES, NATIVE);
                    FloatVector.fromArray(S, buf, x).max(v).intoArray(buf, x);
                }
                for (; x < w; x++) {
                    buf[x] = Math.max(buf[x], in.get(JAVA_FLOAT_UNALIGNED, rowBytes + (long) x * Float.BYTES));
                }
            } else {
                for (; x < bound; x += L) {
                    FloatVector v = FloatVector.fromMemorySegment(S, in, rowBytes + (long) x * Float.BYTES, NATIVE);
                    FloatVector.fromArray(S, buf, x).add(v).intoArray(buf, x);
                }
                for (; x < w; x++) {
                    buf[x] += in.get(JAVA_FLOAT_UNALIGNED, rowBytes + (long) x * Float.BYTES);
                }
            }
        }
        return rows;
    }

    /** One output element from the row buffer, clipping its window to the input columns. */
    private float column(float[] buf, int ox, int y0, int rowSpan) {
        int x0 = ox * p.strideW() - p.padLeft();
        if (max) {
            float m = PoolParams.EMPTY_MAX;
            for (int kx = 0; kx < p.kernelW(); kx++) {
                int ix = x0 + kx * p.dilationW();
                if (ix >= 0 && ix < p.inW()) {
                    m = Math.max(m, buf[ix]);
                }
            }
            return m;
        }
        float sum = 0;
        for (int ix = Math.max(x0, 0); ix < Math.min(x0 + p.kernelW(), p.inW()); ix++) {
            sum += buf[ix];
        }
        int colSpan = PoolParams.averageSpan(x0, p.kernelW(), p.inW(), p.padRight(), p.countIncludePad());
        return colSpan == 0 ? 0f : sum / (rowSpan * colSpan);
    }

    /** Interior columns for stride 1: window column kx of outputs ox..ox+L-1 is one shifted load. */
    private int interiorStride1(float[] buf, MemorySegment out, long outBase, int rowSpan) {
        // Max and average have separate loops: a vector value merged from two branches may be
        // boxed by the JIT, which costs more than the whole loop.
        int ox = interiorStart;
        if (max) {
            for (; ox + L <= interiorEnd; ox += L) {
                int x0 = ox - p.padLeft();
                FloatVector acc = FloatVector.broadcast(S, PoolParams.EMPTY_MAX);
                for (int kx = 0; kx < p.kernelW(); kx++) {
                    acc = acc.max(FloatVector.fromArray(S, buf, x0 + kx * p.dilationW()));
                }
                acc.intoMemorySegment(out, (outBase + ox) * Float.BYTES, NATIVE);
            }
        } else {
            FloatVector divisor = FloatVector.broadcast(S, (float) (rowSpan * p.kernelW()));
            for (; ox + L <= interiorEnd; ox += L) {
                int x0 = ox - p.padLeft();
                FloatVector acc = FloatVector.fromArray(S, buf, x0);
                for (int kx = 1; kx < p.kernelW(); kx++) {
                    acc = acc.add(FloatVector.fromArray(S, buf, x0 + kx));
                }
                acc.div(divisor).intoMemorySegment(out, (outBase + ox) * Float.BYTES, NATIVE);
            }
        }
        return ox;
    }

    /** Interior columns for stride 2: buffer elements x0, x0+2, ... are the even lanes of two loads. */
    private int interiorStride2(float[] buf, MemorySegment out, long outBase, int rowSpan) {
        int ox = interiorStart;
        if (max) {
            for (; ox + L <= interiorEnd; ox += L) {
                int x0 = 2 * ox - p.padLeft();
                FloatVector acc = FloatVector.broadcast(S, PoolParams.EMPTY_MAX);
                for (int kx = 0; kx < p.kernelW(); kx++) {
                    acc = acc.max(evenElements(buf, x0 + kx * p.dilationW()));
                }
                acc.intoMemorySegment(out, (outBase + ox) * Float.BYTES, NATIVE);
            }
        } else {
            FloatVector divisor = FloatVector.broadcast(S, (float) (rowSpan * p.kernelW()));
            for (; ox + L <= interiorEnd; ox += L) {
                int x0 = 2 * ox - p.padLeft();
                FloatVector acc = evenElements(buf, x0);
                for (int kx = 1; kx < p.kernelW(); kx++) {
                    acc = acc.add(evenElements(buf, x0 + kx));
                }
                acc.div(divisor).intoMemorySegment(out, (outBase + ox) * Float.BYTES, NATIVE);
            }
        }
        return ox;
    }

    /** buf[x], buf[x+2], ..., buf[x+2L-2] in one vector. */
    private static FloatVector evenElements(float[] buf, int x) {
        return EVEN_LANES.selectFrom(FloatVector.fromArray(S, buf, x), FloatVector.fromArray(S, buf, x + L));
    }

    @Override
    public String toString() {
        return "VectorPool" + p + " interior " + Arrays.toString(new int[] {interiorStart, interiorEnd});
    }
}
