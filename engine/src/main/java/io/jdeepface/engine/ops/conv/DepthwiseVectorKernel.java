package io.jdeepface.engine.ops.conv;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.WorkSplit;
import io.jdeepface.engine.ops.activation.Activation;
import io.jdeepface.engine.ops.activation.ActivationVector;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * What the Vector API depthwise kernels share: the loop over (batch, input channel) planes split
 * across threads, the padded copy of each input plane ({@link DepthwisePaddedPlane}), and the fused
 * epilogue (bias as the accumulators' start value, the activation on each row pass while the rows
 * are in L1). A subclass computes one or two output rows of a channel from the padded plane, a
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
    /** Floats of output (8 KiB, well within L1) the activation runs over at once. */
    private static final int ACTIVATION_RUN = 2048;
    /** Output rows computed per call of {@link #outputRows}. */
    private final int rowsPerPass;

    DepthwiseVectorKernel(ConvParams p, DepthwiseWeights w, int rowsPerPass) {
        this.p = p;
        this.w = w;
        this.plane = new DepthwisePaddedPlane(p);
        this.outHeight = p.outHeight();
        this.outWidth = p.outWidth();
        this.activation = p.activation();
        this.rowsPerPass = rowsPerPass;
    }

    /**
     * The kernel for this geometry: two output rows per pass for the unit-stride 3x3 and 5x5 windows
     * (their rows share input), a loop over the taps for everything else. Strided convolutions spend
     * most of their time in the padded copy, so an unrolled stride-2 kernel measured no faster.
     */
    static Kernel create(ConvParams p, DepthwiseWeights w) {
        boolean unit = p.strideH() == 1 && p.strideW() == 1 && p.dilationH() == 1 && p.dilationW() == 1;
        if (unit && p.kernelH() == 3 && p.kernelW() == 3) {
            return new Depthwise3x3s1(p, w);
        }
        if (unit && p.kernelH() == 5 && p.kernelW() == 5) {
            return new Depthwise5x5s1(p, w);
        }
        return new DepthwiseGeneralVector(p, w);
    }

    @Override
    public final void run(MemorySegment[] inputs, MemorySegment[] outputs, Parallel parallel) {
        MemorySegment x = inputs[0];
        MemorySegment y = outputs[0];
        DepthwiseConv.checkBuffers(p, x, y);
        long macs = (long) p.batch() * p.outChannels() * outHeight * outWidth * p.kernelH() * p.kernelW();
        if (macs < WorkSplit.MIN_PARALLEL_WORK * parallel.threads()) {
            planes(inputs, outputs, 0, p.batch() * p.inChannels()); // too little to pay for a hand-off
        } else {
            parallel.forRange(p.batch() * p.inChannels(), inputs, outputs, planes);
        }
    }

    /** The loop over input planes; made once, so a run allocates nothing. */
    private final Parallel.StepBody planes = this::planes;

    private void planes(MemorySegment[] in, MemorySegment[] out, int start, int end) {
        float[] scratch = plane.threadScratch(); // zeroed once per thread and run: pads stay zero across channels
        for (int i = start; i < end; i++) {
            inputPlane(in[0], out[0], i, scratch);
        }
    }

    /** Input plane {@code i} (batch index * inChannels + channel) to its {@code multiplier} output planes. */
    private void inputPlane(MemorySegment x, MemorySegment y, int i, float[] scratch) {
        plane.fill(x, i * ((long) p.inHeight() * p.inWidth()), scratch);
        int n = i / p.inChannels();
        int c = i % p.inChannels();
        int multiplier = p.outChannelsPerGroup();
        for (int m = 0; m < multiplier; m++) {
            int oc = c * multiplier + m;
            long first = ((long) n * p.outChannels() + oc) * outHeight * outWidth;
            float slope = w.slope()[oc];
            long pendingFrom = first; // rows written but not yet activated start here
            for (int oy = 0; oy < outHeight; oy += rowsPerPass) {
                long out = first + (long) oy * outWidth;
                outputRows(scratch, y, out, oc, oy);
                // The activation on the rows just written, still in L1; batched into runs of about
                // ACTIVATION_RUN floats, so that a small plane (7x7) costs one call, not four.
                long end = out + (long) Math.min(rowsPerPass, outHeight - oy) * outWidth;
                if (activation.kind() != Activation.Kind.NONE
                        && (end - pendingFrom >= ACTIVATION_RUN || oy + rowsPerPass >= outHeight)) {
                    ActivationVector.apply(activation, y, pendingFrom, end - pendingFrom, slope);
                    pendingFrom = end;
                }
            }
        }
    }

    /**
     * Computes {@code rowsPerPass} rows (fewer at the bottom edge) of output channel {@code oc},
     * starting with row {@code oy} at float {@code out} of y, from the padded plane. A call per row
     * rather than per channel keeps the hot method small and called often, so the JIT compiles it
     * early: until C2 does, Vector API code runs about a hundred times slower.
     */
    abstract void outputRows(float[] scratch, MemorySegment y, long out, int oc, int oy);

    static FloatVector load(float[] scratch, int index) {
        return FloatVector.fromArray(SPECIES, scratch, index);
    }

    static FloatVector broadcast(float value) {
        return FloatVector.broadcast(SPECIES, value);
    }

    /**
     * Stores the {@code min(LANES, remaining)} outputs of {@code acc} (bias included) from float
     * {@code index} of y. The activation follows per row pass, see {@link #inputPlane}: applying it here,
     * through a switch on its kind, made C2 box the vectors and halved the speed.
     */
    static void store(FloatVector acc, MemorySegment y, long index, int remaining) {
        if (remaining >= LANES) {
            acc.intoMemorySegment(y, index * Float.BYTES, NATIVE);
        } else { // the row's last, partial vector; a bit-pattern mask, as indexInRange with a
                 // variable bound allocated a boxed mask per call
            acc.intoMemorySegment(y, index * Float.BYTES, NATIVE, VectorMask.fromLong(SPECIES, (1L << remaining) - 1));
        }
    }
}
