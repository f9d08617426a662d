package io.jdeepface.engine.ops.softmax;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.WorkSplit;
import io.jdeepface.engine.ops.reduce.FixedOrderSum;
import io.jdeepface.engine.ops.activation.VectorExp;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Softmax with the Vector API, in three layouts:
 * <ul>
 *   <li>last axis, long lines: each line is vectorised along its length;</li>
 *   <li>last axis, short lines (a face detector's [anchors, 2] class scores): maxima are taken line
 *       by line, but exp, the costly part, runs over a whole block of lines at once;</li>
 *   <li>inner axis ([N, classes, H, W] over classes): L neighbouring positions are processed side
 *       by side, the lanes walking down the axis together.</li>
 * </ul>
 */
final class VectorSoftmax implements Kernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    /** Lines per block when exp runs over many short lines together. */
    private static final int SHORT_LINE_BLOCK = 256;
    /** Inner positions per work item for softmax along an inner axis. */
    private static final int INNER_BLOCK = 512;

    private final Softmax.Geometry g;

    VectorSoftmax(Softmax.Geometry g) {
        this.g = g;
    }

    private static FloatVector load(MemorySegment s, long element) {
        return FloatVector.fromMemorySegment(S, s, element * Float.BYTES, NATIVE);
    }

    @Override
    public void run(MemorySegment[] inputs, MemorySegment[] outputs, Parallel parallel) {
        long work = g.elements() * 4;
        if (g.inner() == 1 && g.n() >= L) {
            WorkSplit.forRange(parallel, g.outer(), work, inputs, outputs, longLines);
        } else if (g.inner() == 1) {
            int blocks = (g.outer() + SHORT_LINE_BLOCK - 1) / SHORT_LINE_BLOCK;
            WorkSplit.forRange(parallel, blocks, work, inputs, outputs, shortLineBlocks);
        } else {
            int blocksPerOuter = (g.inner() + INNER_BLOCK - 1) / INNER_BLOCK;
            WorkSplit.forRange(parallel, g.outer() * blocksPerOuter, work, inputs, outputs, innerBlocks);
        }
    }

    // The loop bodies, made once so that a run allocates nothing.
    private final Parallel.StepBody longLines = this::longLines;
    private final Parallel.StepBody shortLineBlocks = this::shortLineBlocks;
    private final Parallel.StepBody innerBlocks = this::innerBlocks;

    private void longLines(MemorySegment[] inputs, MemorySegment[] outputs, int start, int end) {
        for (int line = start; line < end; line++) {
            longLine(inputs[0], outputs[0], (long) line * g.n());
        }
    }

    private void shortLineBlocks(MemorySegment[] inputs, MemorySegment[] outputs, int start, int end) {
        for (int b = start; b < end; b++) {
            int first = b * SHORT_LINE_BLOCK;
            shortLines(inputs[0], outputs[0], first, Math.min(g.outer(), first + SHORT_LINE_BLOCK));
        }
    }

    private void innerBlocks(MemorySegment[] inputs, MemorySegment[] outputs, int start, int end) {
        int blocksPerOuter = (g.inner() + INNER_BLOCK - 1) / INNER_BLOCK;
        for (int item = start; item < end; item++) {
            int o = item / blocksPerOuter;
            int j0 = (item % blocksPerOuter) * INNER_BLOCK;
            innerAxis(inputs[0], outputs[0], o, j0, Math.min(g.inner(), j0 + INNER_BLOCK));
        }
    }

    /** One contiguous line of n >= L elements. */
    private void longLine(MemorySegment in, MemorySegment out, long base) {
        int n = g.n();
        int bound = S.loopBound(n);
        FloatVector vmax = load(in, base);
        for (int i = L; i < bound; i += L) {
            vmax = vmax.max(load(in, base + i));
        }
        float max = vmax.reduceLanes(VectorOperators.MAX);
        for (int i = bound; i < n; i++) {
            max = Math.max(max, in.getAtIndex(JAVA_FLOAT_UNALIGNED, base + i));
        }
        FloatVector shift = FloatVector.broadcast(S, max);
        FloatVector vsum = FloatVector.zero(S);
        for (int i = 0; i < bound; i += L) {
            FloatVector e = VectorExp.exp(load(in, base + i).sub(shift));
            e.intoMemorySegment(out, (base + i) * Float.BYTES, NATIVE);
            vsum = vsum.add(e);
        }
        float sum = FixedOrderSum.sum(vsum);
        for (int i = bound; i < n; i++) {
            float e = (float) Math.exp(in.getAtIndex(JAVA_FLOAT_UNALIGNED, base + i) - max);
            out.setAtIndex(JAVA_FLOAT_UNALIGNED, base + i, e);
            sum += e;
        }
        float inverse = 1f / sum;
        FloatVector scale = FloatVector.broadcast(S, inverse);
        for (int i = 0; i < bound; i += L) {
            load(out, base + i).mul(scale).intoMemorySegment(out, (base + i) * Float.BYTES, NATIVE);
        }
        for (int i = bound; i < n; i++) {
            out.setAtIndex(JAVA_FLOAT_UNALIGNED, base + i, out.getAtIndex(JAVA_FLOAT_UNALIGNED, base + i) * inverse);
        }
    }

    /** Contiguous lines [first, end) of n < L elements each. */
    private void shortLines(MemorySegment in, MemorySegment out, int first, int end) {
        int n = g.n();
        // 1. x - max(line), written to the output
        for (int line = first; line < end; line++) {
            long base = (long) line * n;
            float max = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                max = Math.max(max, in.getAtIndex(JAVA_FLOAT_UNALIGNED, base + k));
            }
            for (int k = 0; k < n; k++) {
                out.setAtIndex(JAVA_FLOAT_UNALIGNED, base + k, in.getAtIndex(JAVA_FLOAT_UNALIGNED, base + k) - max);
            }
        }
        // 2. exp over the whole block, in place
        long from = (long) first * n;
        long count = (long) (end - first) * n;
        long i = 0;
        for (; i + L <= count; i += L) {
            VectorExp.exp(load(out, from + i)).intoMemorySegment(out, (from + i) * Float.BYTES, NATIVE);
        }
        for (; i < count; i++) {
            out.setAtIndex(JAVA_FLOAT_UNALIGNED, from + i, (float) Math.exp(out.getAtIndex(JAVA_FLOAT_UNALIGNED, from + i)));
        }
        // 3. normalise each line
        for (int line = first; line < end; line++) {
            long base = (long) line * n;
            float sum = 0;
            for (int k = 0; k < n; k++) {
                sum += out.getAtIndex(JAVA_FLOAT_UNALIGNED, base + k);
            }
            float inverse = 1f / sum;
            for (int k = 0; k < n; k++) {
                out.setAtIndex(JAVA_FLOAT_UNALIGNED, base + k, out.getAtIndex(JAVA_FLOAT_UNALIGNED, base + k) * inverse);
            }
        }
    }

    /** Inner positions [j0, j1) of outer block o: lanes are neighbouring positions, loops walk the axis. */
    private void innerAxis(MemorySegment in, MemorySegment out, int o, int j0, int j1) {
        int n = g.n();
        long inner = g.inner();
        long base = (long) o * n * inner;
        int j = j0;
        for (; j + L <= j1; j += L) {
            long col = base + j;
            FloatVector vmax = load(in, col);
            for (int k = 1; k < n; k++) {
                vmax = vmax.max(load(in, col + k * inner));
            }
            FloatVector vsum = FloatVector.zero(S);
            for (int k = 0; k < n; k++) {
                FloatVector e = VectorExp.exp(load(in, col + k * inner).sub(vmax));
                e.intoMemorySegment(out, (col + k * inner) * Float.BYTES, NATIVE);
                vsum = vsum.add(e);
            }
            FloatVector scale = FloatVector.broadcast(S, 1f).div(vsum);
            for (int k = 0; k < n; k++) {
                long at = col + k * inner;
                load(out, at).mul(scale).intoMemorySegment(out, at * Float.BYTES, NATIVE);
            }
        }
        for (; j < j1; j++) {
            ScalarSoftmax.line(in, out, base + j, inner, n);
        }
    }
}
