package io.jdeepface.engine.ops.conv;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.activation.Activation;
import io.jdeepface.engine.ops.activation.ActivationVector;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * What the Vector API depthwise kernels share: the loop over (batch, input channel) planes split
 * across threads, the padded copy of each input plane ({@link DepthwisePaddedPlane}), and the fused
 * epilogue. A subclass computes one output channel from the padded plane, one row at a time and a
 * vector of consecutive output columns at a time.
 */
abstract class DepthwiseVectorKernel implements Kernel {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    final ConvParams p;
    final DepthwiseWeights w;
    final DepthwisePaddedPlane plane;
    final int outHeight;
    final int outWidth;
    final Activation activation;

    DepthwiseVectorKernel(ConvParams p, DepthwiseWeights w) {
        this.p = p;
        this.w = w;
        this.plane = new DepthwisePaddedPlane(p);
        this.outHeight = p.outHeight();
        this.outWidth = p.outWidth();
        this.activation = p.activation();
    }

    /**
     * The kernel for this geometry: two output rows per pass for the unit-stride 3x3 and 5x5 windows
     * (their rows share input), one unrolled row for those windows with other strides or dilations,
     * and a loop over the taps for any other window.
     */
    static Kernel create(ConvParams p, DepthwiseWeights w) {
        boolean unit = p.strideH() == 1 && p.strideW() == 1 && p.dilationH() == 1 && p.dilationW() == 1;
        if (p.kernelH() == 3 && p.kernelW() == 3) {
            return unit ? new Depthwise3x3s1(p, w) : new Depthwise3x3(p, w);
        }
        if (p.kernelH() == 5 && p.kernelW() == 5) {
            return unit ? new Depthwise5x5s1(p, w) : new Depthwise5x5(p, w);
        }
        return new DepthwiseGeneralVector(p, w);
    }

    @Override
    public final void run(MemorySegment[] inputs, MemorySegment[] outputs, Parallel parallel) {
        MemorySegment x = inputs[0];
        MemorySegment y = outputs[0];
        DepthwiseConv.checkBuffers(p, x, y);
        int inChannels = p.inChannels();
        int multiplier = p.outChannelsPerGroup();
        long inPlane = (long) p.inHeight() * p.inWidth();
        long outPlane = (long) outHeight * outWidth;
        parallel.forRange(p.batch() * inChannels, (start, end) -> {
            float[] scratch = plane.newScratch(); // one per thread and run: pads stay zero across channels
            for (int i = start; i < end; i++) {
                plane.fill(x, i * inPlane, scratch);
                int n = i / inChannels;
                int c = i % inChannels;
                for (int m = 0; m < multiplier; m++) {
                    int oc = c * multiplier + m;
                    outputChannel(scratch, y, ((long) n * p.outChannels() + oc) * outPlane, oc);
                }
            }
        });
    }

    /** Computes output channel {@code oc} into y from float {@code first}, reading the padded plane. */
    abstract void outputChannel(float[] scratch, MemorySegment y, long first, int oc);

    static FloatVector load(float[] scratch, int index) {
        return FloatVector.fromArray(SPECIES, scratch, index);
    }

    /**
     * The epilogue: activation (the bias was the accumulator's start value), then the store of the
     * {@code min(LANES, remaining)} outputs from float {@code index} of y.
     */
    final void store(FloatVector acc, FloatVector slope, MemorySegment y, long index, int remaining) {
        FloatVector v = ActivationVector.apply(activation, acc, slope);
        if (remaining >= LANES) {
            v.intoMemorySegment(y, index * Float.BYTES, NATIVE);
        } else {
            v.intoMemorySegment(y, index * Float.BYTES, NATIVE, SPECIES.indexInRange(0, remaining));
        }
    }
}
