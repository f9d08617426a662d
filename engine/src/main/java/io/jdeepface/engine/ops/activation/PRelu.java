package io.jdeepface.engine.ops.activation;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelSpec;
import io.jdeepface.engine.ops.UnsupportedOperatorException;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * ONNX PRelu: {@code y = x >= 0 ? x : slope * x}, slope unidirectionally broadcast to x (numpy rules:
 * shapes aligned at the last axis). The per-channel slope of an NCHW tensor is therefore
 * {@code [C,1,1]} or {@code [1,C,1,1]}; a bare {@code [C]} would be a per-column slope.
 *
 * <p>The tensor is walked in blocks along its trailing axes: either the slope is the same over a
 * whole block (trailing slope dims are 1, e.g. {@code H*W} for a per-channel slope) or it runs
 * through the block element by element (trailing slope dims equal x's). Each block then costs one
 * vectorised call.
 */
public final class PRelu {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    /** PRelu as an activation kind; the slope is passed alongside. */
    static final Activation PRELU = new Activation(Activation.Kind.PRELU, 0, 0, 0);

    private final Node node;
    /** Dims of x (axis 0 may be dynamic) and of the slope aligned to x's rank. */
    private final long[] xDims;
    private final long[] slopeDims;
    /** Axes [blockAxis, rank) form one block. */
    private final int blockAxis;
    /** True when the slope is constant over a block, false when it varies element by element. */
    private final boolean slopePerBlock;
    /** Slope stride of each axis before blockAxis (0 where the slope is broadcast). */
    private final long[] slopeStrides;
    /** The constant slope, copied to native order; null when it is a run-time input. */
    private final MemorySegment constantSlope;
    private final long slopeCount;
    private final boolean vector;
    private final Kernel oneConstantSlope;

    private PRelu(KernelSpec spec) {
        node = spec.node();
        vector = spec.vector();
        if (spec.input(0) == null || !node.hasInput(1)) {
            throw new UnsupportedOperatorException("node '" + node.name() + "' (PRelu) needs inputs X and slope");
        }
        Shape x = spec.input(0).shape();
        Initializer constant = spec.constant(1);
        Shape slope = constant != null ? constant.shape() : spec.input(1) == null ? null : spec.input(1).shape();
        if (slope == null || !slope.isStatic()) {
            throw new UnsupportedOperatorException("node '" + node.name() + "' (PRelu): the slope shape must be known at load");
        }
        if (spec.input(1) != null && spec.input(1).type() != DataType.FLOAT32
                || constant != null && constant.type() != DataType.FLOAT32) {
            throw new UnsupportedOperatorException("node '" + node.name() + "' (PRelu): slope must be FLOAT32");
        }
        xDims = x.dims();
        for (int a = 1; a < xDims.length; a++) {
            if (xDims[a] == Shape.DYNAMIC) {
                throw new UnsupportedOperatorException("node '" + node.name() + "' (PRelu): input " + x
                        + " has a dynamic dimension other than the batch");
            }
        }
        slopeDims = alignedSlopeDims(x, slope);
        slopeCount = slope.elementCount();
        constantSlope = constant == null ? null : MemorySegment.ofArray(constant.toFloatArray());

        int rank = xDims.length;
        // The last axis decides the block kind; the block then grows over the axes of the same kind.
        slopePerBlock = rank == 0 || slopeDims[rank - 1] == 1;
        int axis = rank;
        while (axis > 0 && (slopePerBlock ? slopeDims[axis - 1] == 1 : slopeDims[axis - 1] == xDims[axis - 1])) {
            axis--;
        }
        blockAxis = axis;
        oneConstantSlope = oneConstantSlope();
        slopeStrides = new long[blockAxis];
        long stride = 1;
        for (int a = rank - 1; a >= 0; a--) {
            if (a < blockAxis) {
                slopeStrides[a] = slopeDims[a] == 1 ? 0 : stride;
            }
            stride *= slopeDims[a];
        }
    }

    /** A single constant slope: the plain pointwise kernel, built once. */
    private Kernel oneConstantSlope() {
        return constantSlope != null && slopePerBlock && blockAxis == 0
                ? PointwiseKernel.of(PointwiseKernel.activation(prelu(), constantSlope.getAtIndex(F32, 0), vector))
                : null;
    }

    public static Kernel create(KernelSpec spec) {
        PointwiseKernel.requireFloat(spec);
        PRelu p = new PRelu(spec);
        return p::run;
    }

    /** The slope dims left-padded with 1 to x's rank, after checking they broadcast to x. */
    private long[] alignedSlopeDims(Shape x, Shape slope) {
        int rank = x.rank();
        if (slope.rank() > rank) {
            throw shapeError(x, slope);
        }
        long[] aligned = new long[rank];
        int shift = rank - slope.rank();
        for (int a = 0; a < rank; a++) {
            aligned[a] = a < shift ? 1 : slope.dim(a - shift);
            if (aligned[a] != 1 && x.dim(a) != Shape.DYNAMIC && aligned[a] != x.dim(a)) {
                throw shapeError(x, slope);
            }
        }
        return aligned;
    }

    private UnsupportedOperatorException shapeError(Shape x, Shape slope) {
        return new UnsupportedOperatorException("node '" + node.name() + "' (PRelu): slope " + slope
                + " does not broadcast to input " + x + " (ONNX aligns shapes at the last axis;"
                + " a per-channel slope of NCHW input is [C,1,1])");
    }

    private void run(MemorySegment[] inputs, MemorySegment[] outputs, Parallel parallel) {
        MemorySegment x = inputs[0];
        MemorySegment y = outputs[0];
        MemorySegment slopes = constantSlope != null ? constantSlope : inputs[1];
        if (slopes.byteSize() != slopeCount * Float.BYTES) {
            throw new IllegalArgumentException("node '" + node.name() + "' (PRelu): slope buffer holds "
                    + slopes.byteSize() + " bytes, expected " + slopeCount + " floats");
        }
        long n = PointwiseKernel.floatCount(x);
        long block = 1;
        for (int a = Math.max(blockAxis, 1); a < xDims.length; a++) {
            block *= xDims[a];
        }
        if (blockAxis == 0) {
            block = n; // the block spans axis 0, whose size (the batch) may only be known now
        }
        if (slopePerBlock && blockAxis == 0 && oneConstantSlope != null) {
            oneConstantSlope.run(inputs, outputs, parallel);
            return;
        }
        if (slopePerBlock && blockAxis == 0) {
            float slope = slopes.getAtIndex(F32, 0);
            PointwiseKernel.run(x, y, parallel, PointwiseKernel.activation(prelu(), slope, vector));
            return;
        }
        if (n == 0) {
            return;
        }
        if (block == 0 || n % block != 0 || y.byteSize() < x.byteSize()) {
            throw new IllegalArgumentException("node '" + node.name() + "' (PRelu): buffer of " + n
                    + " floats does not match the input shape " + Shape.of(xDims));
        }
        long blocks = n / block;
        Parallel p = parallel.threads() > 1 && n >= PointwiseKernel.MIN_PARALLEL_FLOATS ? parallel : Parallel.SEQUENTIAL;
        p.forRange(Math.toIntExact(blocks), inputs, outputs, blockLoop);
    }

    /** Floats per block: the axes from the block axis on (all of x when the block axis is 0). */
    private long blockSize(long n) {
        if (blockAxis == 0) {
            return n;
        }
        long block = 1;
        for (int a = Math.max(blockAxis, 1); a < xDims.length; a++) {
            block *= xDims[a];
        }
        return block;
    }

    /** Blocks [start, end) of input 0 into output 0; made once, so a run allocates nothing. */
    private final Parallel.StepBody blockLoop = this::blocks;

    private void blocks(MemorySegment[] in, MemorySegment[] out, int start, int end) {
        MemorySegment x = in[0];
        MemorySegment y = out[0];
        MemorySegment slopes = constantSlope != null ? constantSlope : in[1];
        long blockSize = blockSize(PointwiseKernel.floatCount(x));
        for (long b = start; b < end; b++) {
            long first = b * blockSize;
            long slopeIndex = slopeIndexOfBlock(b);
            if (slopePerBlock) {
                float slope = slopes.getAtIndex(F32, slopeIndex);
                if (vector) {
                    ActivationVector.apply(prelu(), x, y, first, blockSize, slope);
                } else {
                    ActivationReference.apply(prelu(), x, y, first, blockSize, slope);
                }
            } else if (vector) {
                ActivationVector.prelu(x, y, first, blockSize, slopes, slopeIndex);
            } else {
                ActivationReference.prelu(x, y, first, blockSize, slopes, slopeIndex);
            }
        }
    }

    /** Index of the first slope used by block {@code b}: its coordinates on the outer axes, times slope strides. */
    private long slopeIndexOfBlock(long b) {
        long index = 0;
        for (int a = blockAxis - 1; a >= 1; a--) {
            index += (b % xDims[a]) * slopeStrides[a];
            b /= xDims[a];
        }
        return blockAxis > 0 ? index + b * slopeStrides[0] : index;
    }

    private static Activation prelu() {
        return PRELU;
    }
}
