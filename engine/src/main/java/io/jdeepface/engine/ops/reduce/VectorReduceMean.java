package io.jdeepface.engine.ops.reduce;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.WorkSplit;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * ReduceMean with the Vector API for one reduced group of axes, {@code [outer, r, inner]}: when
 * the reduced axes are last (inner = 1, e.g. the spatial mean of NCHW) each output sums a
 * contiguous run; otherwise L neighbouring outputs are summed side by side down the r rows.
 */
final class VectorReduceMean implements Kernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    private static final int INNER_BLOCK = 512;

    private final ReduceMean.Plan plan;
    private final int outer;
    private final int r;
    private final int inner;

    VectorReduceMean(ReduceMean.Plan plan) {
        this.plan = plan;
        int[] ori = plan.outerReducedInner();
        this.outer = ori[0];
        this.r = ori[1];
        this.inner = ori[2];
    }

    private static FloatVector load(MemorySegment s, long element) {
        return FloatVector.fromMemorySegment(S, s, element * Float.BYTES, NATIVE);
    }

    @Override
    public void run(MemorySegment[] inputs, MemorySegment[] outputs, Parallel parallel) {
        if (inner == 1) {
            WorkSplit.forRange(parallel, outer, plan.work(), inputs, outputs, contiguous);
        } else {
            int blocks = (inner + INNER_BLOCK - 1) / INNER_BLOCK;
            WorkSplit.forRange(parallel, outer * blocks, plan.work(), inputs, outputs, columnBlocks);
        }
    }

    // The loop bodies: made once, so a run allocates nothing.
    private final Parallel.StepBody contiguous = this::contiguous;
    private final Parallel.StepBody columnBlocks = this::columnBlocks;

    private void contiguous(MemorySegment[] inputs, MemorySegment[] outputs, int start, int end) {
        for (int o = start; o < end; o++) {
            outputs[0].setAtIndex(JAVA_FLOAT_UNALIGNED, o, contiguousSum(inputs[0], (long) o * r) / r);
        }
    }

    private void columnBlocks(MemorySegment[] inputs, MemorySegment[] outputs, int start, int end) {
        int blocks = (inner + INNER_BLOCK - 1) / INNER_BLOCK;
        for (int item = start; item < end; item++) {
            int o = item / blocks;
            int j0 = (item % blocks) * INNER_BLOCK;
            columns(inputs[0], outputs[0], o, j0, Math.min(inner, j0 + INNER_BLOCK));
        }
    }

    private float contiguousSum(MemorySegment in, long base) {
        int bound = S.loopBound(r);
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (; i < bound; i += L) {
            acc = acc.add(load(in, base + i));
        }
        float sum = FixedOrderSum.sum(acc);
        for (; i < r; i++) {
            sum += in.getAtIndex(JAVA_FLOAT_UNALIGNED, base + i);
        }
        return sum;
    }

    /** Outputs [j0, j1) of outer block o: each is the mean of r elements spaced inner apart. */
    private void columns(MemorySegment in, MemorySegment out, int o, int j0, int j1) {
        long base = (long) o * r * inner;
        long outBase = (long) o * inner;
        FloatVector count = FloatVector.broadcast(S, (float) r);
        int j = j0;
        for (; j + L <= j1; j += L) {
            FloatVector acc = load(in, base + j);
            for (int k = 1; k < r; k++) {
                acc = acc.add(load(in, base + (long) k * inner + j));
            }
            acc.div(count).intoMemorySegment(out, (outBase + j) * Float.BYTES, NATIVE);
        }
        for (; j < j1; j++) {
            float sum = 0;
            for (int k = 0; k < r; k++) {
                sum += in.getAtIndex(JAVA_FLOAT_UNALIGNED, base + (long) k * inner + j);
            }
            out.setAtIndex(JAVA_FLOAT_UNALIGNED, outBase + j, sum / r);
        }
    }
}
