package io.jdeepface.engine.ops.conv;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.WorkSplit;
import io.jdeepface.engine.ops.activation.Activation;
import io.jdeepface.engine.ops.activation.ActivationVector;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A convolution with few inputs per output (the first layer of a network: 1 or 3 image channels
 * times a 3×3 window, {@code Cin·KH·KW <= } {@link #MAX_TAPS}), computed directly. As a GEMM its depth
 * would be 9 to 27: the implicit im2col then costs more than the multiply-adds and each tile is
 * written for only a few of them (measured 13 GFLOPS on UltraFace's first layer).
 *
 * <p>Each input channel is copied once per image into a padded, stride-phase-split plane
 * ({@link DepthwisePaddedPlane}, so every tap of a run of outputs reads consecutive floats without
 * bounds tests). An output row is then computed {@link #BLOCK} output channels at a time: one load
 * of the input per tap feeds 8 multiply-adds, 8 accumulators in registers, bias as their start
 * value, then through a small tile to the output; the fused activation runs on each finished row
 * while it is in L1.
 *
 * <p>Vector API class: load only in vector mode.
 */
final class ConvFewInputs implements Kernel {
    /** Most taps (input channels × window) for which this kernel beats the GEMM. */
    static final int MAX_TAPS = 32;
    /** Output channels per pass. */
    static final int BLOCK = 8;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    private static final java.lang.foreign.ValueLayout.OfFloat FLOAT = java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED;

    private final ConvParams p;
    private final DepthwisePaddedPlane plane;
    /** Scratch index of tap t (channel, ky, kx) for output (0, 0). */
    private final int[] taps;
    /** Weights by tap then output channel: {@code w[t * outChannels + oc]}. */
    private final float[] weights;
    private final float[] bias;
    private final float[] slope;
    private final int outHeight;
    private final int outWidth;
    private final int scratchSize;
    /**
     * Per calling thread, the padded planes of one image. Per kernel rather than shared: only the
     * interior cells are written, so the pads stay zero from the allocation on.
     */
    private final ThreadLocal<Pass> passes;

    /** Group 1, not a 1×1 unit-stride layer, few taps, rows of at least half a vector. */
    static boolean applies(ConvParams p) {
        return p.group() == 1 && !ConvGemm.isPointwise(p)
                && (long) p.inChannels() * p.kernelH() * p.kernelW() <= MAX_TAPS
                && p.outWidth() >= Math.min(8, L);
    }

    static Kernel create(ConvParams p, Initializer weights, Initializer bias, Initializer slope,
                         io.jdeepface.engine.graph.Node node) {
        return new ConvFewInputs(p, Conv.floats(weights, node), Conv.floats(bias, node), Conv.floats(slope, node));
    }

    private ConvFewInputs(ConvParams p, MemorySegment w, MemorySegment b, MemorySegment s) {
        this.p = p;
        this.plane = new DepthwisePaddedPlane(p);
        int cin = p.inChannels();
        int window = p.kernelH() * p.kernelW();
        int cout = p.outChannels();
        taps = new int[cin * window];
        weights = new float[taps.length * cout];
        for (int c = 0; c < cin; c++) {
            for (int ky = 0; ky < p.kernelH(); ky++) {
                for (int kx = 0; kx < p.kernelW(); kx++) {
                    int t = (c * p.kernelH() + ky) * p.kernelW() + kx;
                    taps[t] = c * plane.size + plane.tapOffset(ky, kx);
                    for (int oc = 0; oc < cout; oc++) { // OIHW: W[oc, c, ky, kx]
                        weights[t * cout + oc] = w.getAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED,
                                (long) oc * taps.length + t);
                    }
                }
            }
        }
        this.bias = new float[cout];
        this.slope = new float[cout];
        for (int oc = 0; oc < cout; oc++) {
            bias[oc] = b == null ? 0f : b.getAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED, oc);
            if (p.activation().kind() == Activation.Kind.PRELU) {
                long n = s.byteSize() / Float.BYTES;
                slope[oc] = s.getAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED, n == 1 ? 0 : oc);
            }
        }
        this.outHeight = p.outHeight();
        this.outWidth = p.outWidth();
        this.scratchSize = Math.multiplyExact(cin, plane.size);
        this.passes = ThreadLocal.withInitial(Pass::new);
    }

    @Override
    public void run(MemorySegment[] inputs, MemorySegment[] outputs, Parallel parallel) {
        MemorySegment x = inputs[0];
        MemorySegment y = outputs[0];
        int batch = Conv.batchOf(p, x, y);
        // The caller's pass (its scratch and loop bodies); workers only use it within this call.
        Pass pass = passes.get();
        long inPlane = (long) p.inHeight() * p.inWidth();
        long work = (long) p.outChannels() * outWidth * taps.length;
        for (int n = 0; n < batch; n++) {
            pass.image = (long) n * p.inChannels() * inPlane;
            pass.outImage = (long) n * p.outChannels() * outHeight * outWidth;
            WorkSplit.forRange(parallel, p.inChannels(), inPlane * p.inChannels(), inputs, outputs, pass.fill);
            WorkSplit.forRange(parallel, outHeight, work * outHeight, inputs, outputs, pass.rows);
        }
    }

    /**
     * One thread's run of this kernel: the padded input image and the loop bodies over it, made
     * once per thread, so a run allocates nothing. The image offsets are set before each loop.
     */
    private final class Pass {
        final float[] scratch = new float[scratchSize];
        long image;
        long outImage;
        final Parallel.StepBody fill = this::fill;
        final Parallel.StepBody rows = this::rows;

        private void fill(MemorySegment[] inputs, MemorySegment[] outputs, int c0, int c1) {
            long inPlane = (long) p.inHeight() * p.inWidth();
            for (int c = c0; c < c1; c++) {
                plane.fill(inputs[0], image + c * inPlane, scratch, c * plane.size);
            }
        }

        private void rows(MemorySegment[] inputs, MemorySegment[] outputs, int r0, int r1) {
            for (int oy = r0; oy < r1; oy++) {
                outputRow(scratch, outputs[0], outImage, oy);
            }
        }
    }

    /** Row {@code oy} of every output channel. */
    private void outputRow(float[] s, MemorySegment y, long outImage, int oy) {
        int cout = p.outChannels();
        int row = plane.rowStart(oy);
        long plane = (long) outHeight * outWidth;
        float[] tile = TILE.get();
        int oc = 0;
        for (; oc + BLOCK <= cout; oc += BLOCK) {
            for (int ox = 0; ox < outWidth; ox += L) {
                block(s, row + ox, oc, tile);
                storeTile(tile, y, outImage + oc * plane + (long) oy * outWidth + ox, plane, Math.min(L, outWidth - ox));
            }
        }
        for (; oc < cout; oc++) {
            for (int ox = 0; ox < outWidth; ox += L) {
                single(s, row + ox, oc, y, outImage + oc * plane + (long) oy * outWidth + ox, outWidth - ox);
            }
        }
        if (p.activation().kind() != Activation.Kind.NONE) {
            for (int c = 0; c < cout; c++) {
                ActivationVector.apply(p.activation(), y, outImage + c * plane + (long) oy * outWidth, outWidth, slope[c]);
            }
        }
    }

    /** Per thread, the {@link #BLOCK} × L results of one {@link #block} call. */
    private static final ThreadLocal<float[]> TILE = ThreadLocal.withInitial(() -> new float[BLOCK * L]);

    /**
     * Output channels [oc, oc + 8), one vector of columns from scratch index {@code at}, into the
     * tile. Kept small and free of masks (the stores are {@link #storeTile}'s job): C2 compiles a
     * small method early, and until it does, Vector API code runs about a hundred times slower.
     */
    private void block(float[] s, int at, int oc, float[] tile) {
        float[] w = weights;
        int cout = p.outChannels();
        FloatVector a0 = FloatVector.broadcast(S, bias[oc]);
        FloatVector a1 = FloatVector.broadcast(S, bias[oc + 1]);
        FloatVector a2 = FloatVector.broadcast(S, bias[oc + 2]);
        FloatVector a3 = FloatVector.broadcast(S, bias[oc + 3]);
        FloatVector a4 = FloatVector.broadcast(S, bias[oc + 4]);
        FloatVector a5 = FloatVector.broadcast(S, bias[oc + 5]);
        FloatVector a6 = FloatVector.broadcast(S, bias[oc + 6]);
        FloatVector a7 = FloatVector.broadcast(S, bias[oc + 7]);
        for (int t = 0; t < taps.length; t++) {
            FloatVector v = FloatVector.fromArray(S, s, at + taps[t]);
            int k = t * cout + oc;
            a0 = v.fma(FloatVector.broadcast(S, w[k]), a0);
            a1 = v.fma(FloatVector.broadcast(S, w[k + 1]), a1);
            a2 = v.fma(FloatVector.broadcast(S, w[k + 2]), a2);
            a3 = v.fma(FloatVector.broadcast(S, w[k + 3]), a3);
            a4 = v.fma(FloatVector.broadcast(S, w[k + 4]), a4);
            a5 = v.fma(FloatVector.broadcast(S, w[k + 5]), a5);
            a6 = v.fma(FloatVector.broadcast(S, w[k + 6]), a6);
            a7 = v.fma(FloatVector.broadcast(S, w[k + 7]), a7);
        }
        a0.intoArray(tile, 0);
        a1.intoArray(tile, L);
        a2.intoArray(tile, 2 * L);
        a3.intoArray(tile, 3 * L);
        a4.intoArray(tile, 4 * L);
        a5.intoArray(tile, 5 * L);
        a6.intoArray(tile, 6 * L);
        a7.intoArray(tile, 7 * L);
    }

    /** The tile's {@code cols} leading columns of each of its rows, to output planes {@code plane} apart. */
    private static void storeTile(float[] tile, MemorySegment y, long out, long plane, int cols) {
        if (cols == L) {
            for (int r = 0; r < BLOCK; r++) {
                FloatVector.fromArray(S, tile, r * L).intoMemorySegment(y, (out + r * plane) * Float.BYTES, NATIVE);
            }
        } else {
            for (int r = 0; r < BLOCK; r++) {
                MemorySegment.copy(tile, r * L, y, FLOAT, (out + r * plane) * Float.BYTES, cols);
            }
        }
    }

    /** One output channel (those past the last whole block). */
    private void single(float[] s, int at, int oc, MemorySegment y, long out, int remaining) {
        int cout = p.outChannels();
        FloatVector a = FloatVector.broadcast(S, bias[oc]);
        for (int t = 0; t < taps.length; t++) {
            a = FloatVector.fromArray(S, s, at + taps[t]).fma(FloatVector.broadcast(S, weights[t * cout + oc]), a);
        }
        DepthwiseVectorKernel.store(a, y, out, remaining);
    }
}
