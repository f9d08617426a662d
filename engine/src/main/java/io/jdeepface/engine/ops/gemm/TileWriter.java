package io.jdeepface.engine.ops.gemm;

import io.jdeepface.engine.ops.activation.Activation;
import io.jdeepface.engine.ops.activation.ActivationVector;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

import static io.jdeepface.engine.ops.gemm.GemmVector.F;
import static io.jdeepface.engine.ops.gemm.GemmVector.L;
import static io.jdeepface.engine.ops.gemm.GemmVector.NATIVE;
import static io.jdeepface.engine.ops.gemm.GemmVector.NR;

/**
 * Moves a register tile from the micro-kernel's buffer into C: adds what earlier depth blocks left
 * there, applies the {@link Epilogue} after the last block, and masks the columns past the edge
 * of C. Its vector epilogue must match {@link Epilogue#apply} (alpha, then bias, then activation).
 *
 * <p>The tile is stored first and the epilogue then runs over each freshly written row of C (still
 * in L1), one step at a time, each a loop of its own. Deciding per vector whether there is a bias
 * or which activation applies made C2 merge vectors from different branches, which it does by
 * boxing them: that allocated tens of megabytes per inference.
 */
final class TileWriter {
    private TileWriter() {}

    /**
     * Writes {@code rows} × {@code cols} values of {@code tile} (row stride NR) to C at element
     * offset {@code cAt} (row stride {@code ldc}). {@code accumulate} adds to C's contents;
     * {@code epilogue} (null for none yet) is applied with the top-left value being output
     * {@code (row0, col0)}.
     */
    static void write(float[] tile, MemorySegment c, long cAt, long ldc, int rows, int cols,
                      boolean accumulate, Epilogue epilogue, long row0, long col0) {
        if (!accumulate && epilogue != null && fusable(epilogue)) {
            writeFinished(tile, c, cAt, ldc, rows, cols, epilogue, row0, col0);
            return;
        }
        int full = cols - cols % L; // columns covered by whole vectors
        if (accumulate) {
            addRows(tile, c, cAt, ldc, rows, cols, full);
        } else {
            copyRows(tile, c, cAt, ldc, rows, cols, full);
        }
        if (epilogue != null) {
            for (int r = 0; r < rows; r++) {
                finishRow(epilogue, c, cAt + r * ldc, cols, row0 + r, col0);
            }
        }
    }

    /**
     * Whether {@link #writeFinished} can do the epilogue in the same pass as the copy: a bias and
     * an activation parameter that are constant along each row (a convolution's per-channel bias
     * and PRelu slope), no alpha, and a piecewise-linear activation.
     */
    private static boolean fusable(Epilogue e) {
        Broadcast bias = e.bias();
        if (e.alpha() != 1f || bias == null || bias.colStride() != 0) {
            return false;
        }
        return switch (e.activation().kind()) {
            case NONE, RELU, CLIP, LEAKY_RELU -> true;
            case PRELU -> e.slope().colStride() == 0;
            default -> false;
        };
    }

    /**
     * Tile to C with bias and activation on the way, one pass and one call per row instead of a
     * copy and then a pass per step: for a shallow GEMM (a 1×1 convolution over 64 channels) the
     * separate passes cost a third as much as the multiply-adds. Same operations in the same order
     * as the unfused path (add the bias, then the activation of {@link ActivationVector}), so the
     * same bits. One loop method per activation: see the class comment on branches inside loops.
     */
    private static void writeFinished(float[] tile, MemorySegment c, long cAt, long ldc, int rows, int cols,
                                      Epilogue e, long row0, long col0) {
        int full = cols - cols % L;
        Activation act = e.activation();
        for (int r = 0; r < rows; r++) {
            float bias = e.beta() * e.bias().get(row0 + r, col0);
            long rowAt = (cAt + r * ldc) * Float.BYTES;
            int t = r * NR;
            switch (act.kind()) {
                case NONE -> biasRow(tile, t, c, rowAt, full, cols, bias);
                case RELU -> biasClipRow(tile, t, c, rowAt, full, cols, bias, 0f, Float.POSITIVE_INFINITY);
                case CLIP -> biasClipRow(tile, t, c, rowAt, full, cols, bias, act.min(), act.max());
                case LEAKY_RELU -> biasScaleNegativeRow(tile, t, c, rowAt, full, cols, bias, act.alpha());
                case PRELU -> biasScaleNegativeRow(tile, t, c, rowAt, full, cols, bias,
                        e.slope().get(row0 + r, col0));
                default -> throw new IllegalStateException("not fusable: " + act);
            }
        }
    }

    private static void biasRow(float[] tile, int t, MemorySegment c, long rowAt, int full, int cols,
                                float bias) {
        VectorMask<Float> tail = GemmVector.lanes(0, cols - full); // built here: a mask passed in is boxed
        int v = 0;
        for (; v < full; v += L) {
            FloatVector.fromArray(F, tile, t + v).add(bias).intoMemorySegment(c, rowAt + v * Float.BYTES, NATIVE);
        }
        if (v < cols) {
            FloatVector.fromArray(F, tile, t + v).add(bias).intoMemorySegment(c, rowAt + v * Float.BYTES, NATIVE, tail);
        }
    }

    /** min(max(x + bias, lo), hi), as ActivationVector's Relu and Clip. */
    private static void biasClipRow(float[] tile, int t, MemorySegment c, long rowAt, int full, int cols,
                                    float bias, float lo, float hi) {
        VectorMask<Float> tail = GemmVector.lanes(0, cols - full); // built here: a mask passed in is boxed
        int v = 0;
        for (; v < full; v += L) {
            FloatVector.fromArray(F, tile, t + v).add(bias).max(lo).min(hi)
                    .intoMemorySegment(c, rowAt + v * Float.BYTES, NATIVE);
        }
        if (v < cols) {
            FloatVector.fromArray(F, tile, t + v).add(bias).max(lo).min(hi)
                    .intoMemorySegment(c, rowAt + v * Float.BYTES, NATIVE, tail);
        }
    }

    /** y = x + bias; y >= 0 ? y : y * slope, as ActivationVector's LeakyRelu and PRelu. */
    private static void biasScaleNegativeRow(float[] tile, int t, MemorySegment c, long rowAt, int full, int cols,
                                             float bias, float slope) {
        VectorMask<Float> tail = GemmVector.lanes(0, cols - full); // built here: a mask passed in is boxed
        int v = 0;
        for (; v < full; v += L) {
            FloatVector y = FloatVector.fromArray(F, tile, t + v).add(bias);
            y.mul(slope).blend(y, y.compare(VectorOperators.GE, 0f)).intoMemorySegment(c, rowAt + v * Float.BYTES, NATIVE);
        }
        if (v < cols) {
            FloatVector y = FloatVector.fromArray(F, tile, t + v).add(bias);
            y.mul(slope).blend(y, y.compare(VectorOperators.GE, 0f))
                    .intoMemorySegment(c, rowAt + v * Float.BYTES, NATIVE, tail);
        }
    }

    private static void copyRows(float[] tile, MemorySegment c, long cAt, long ldc, int rows, int cols, int full) {
        VectorMask<Float> tail = GemmVector.lanes(0, cols - full);
        for (int r = 0; r < rows; r++) {
            long rowAt = (cAt + r * ldc) * Float.BYTES;
            int v = 0;
            for (; v < full; v += L) {
                FloatVector.fromArray(F, tile, r * NR + v).intoMemorySegment(c, rowAt + v * Float.BYTES, NATIVE);
            }
            if (v < cols) {
                FloatVector.fromArray(F, tile, r * NR + v)
                        .intoMemorySegment(c, rowAt + v * Float.BYTES, NATIVE, tail);
            }
        }
    }

    private static void addRows(float[] tile, MemorySegment c, long cAt, long ldc, int rows, int cols, int full) {
        VectorMask<Float> tail = GemmVector.lanes(0, cols - full);
        for (int r = 0; r < rows; r++) {
            long rowAt = (cAt + r * ldc) * Float.BYTES;
            int v = 0;
            for (; v < full; v += L) {
                long at = rowAt + v * Float.BYTES;
                FloatVector.fromArray(F, tile, r * NR + v)
                        .add(FloatVector.fromMemorySegment(F, c, at, NATIVE))
                        .intoMemorySegment(c, at, NATIVE);
            }
            if (v < cols) {
                long at = rowAt + v * Float.BYTES;
                FloatVector.fromArray(F, tile, r * NR + v)
                        .add(FloatVector.fromMemorySegment(F, c, at, NATIVE, tail))
                        .intoMemorySegment(c, at, NATIVE, tail);
            }
        }
    }

    /** The epilogue over C[at, at + cols), which holds outputs {@code (i, j .. j + cols)}. */
    private static void finishRow(Epilogue e, MemorySegment c, long at, int cols, long i, long j) {
        if (e.alpha() != 1f) {
            scale(c, at, cols, e.alpha());
        }
        Broadcast bias = e.bias();
        if (bias != null) {
            if (bias.colStride() == 0) {
                addValue(c, at, cols, e.beta() * bias.get(i, j));
            } else {
                addScaled(c, at, cols, bias.data(), bias.offset() + i * bias.rowStride() + j, e.beta());
            }
        }
        Activation act = e.activation();
        if (act.kind() == Activation.Kind.NONE) {
            return;
        }
        Broadcast slope = e.slope();
        if (act.kind() == Activation.Kind.PRELU && slope.colStride() != 0) {
            ActivationVector.prelu(c, c, at, cols, slope.data(), slope.offset() + i * slope.rowStride() + j);
        } else {
            float s = act.kind() == Activation.Kind.PRELU ? slope.get(i, j) : 0f;
            ActivationVector.apply(act, c, at, cols, s);
        }
    }

    /** {@code c[at + x] *= alpha}. */
    private static void scale(MemorySegment c, long at, int cols, float alpha) {
        VectorMask<Float> tail = GemmVector.lanes(0, cols % L);
        int v = 0;
        for (; v + L <= cols; v += L) {
            long b = (at + v) * Float.BYTES;
            FloatVector.fromMemorySegment(F, c, b, NATIVE).mul(alpha).intoMemorySegment(c, b, NATIVE);
        }
        if (v < cols) {
            long b = (at + v) * Float.BYTES;
            FloatVector.fromMemorySegment(F, c, b, NATIVE, tail).mul(alpha).intoMemorySegment(c, b, NATIVE, tail);
        }
    }

    /** {@code c[at + x] += value}: a bias repeated along the row. */
    private static void addValue(MemorySegment c, long at, int cols, float value) {
        VectorMask<Float> tail = GemmVector.lanes(0, cols % L);
        int v = 0;
        for (; v + L <= cols; v += L) {
            long b = (at + v) * Float.BYTES;
            FloatVector.fromMemorySegment(F, c, b, NATIVE).add(value).intoMemorySegment(c, b, NATIVE);
        }
        if (v < cols) {
            long b = (at + v) * Float.BYTES;
            FloatVector.fromMemorySegment(F, c, b, NATIVE, tail).add(value).intoMemorySegment(c, b, NATIVE, tail);
        }
    }

    /** {@code c[at + x] += beta * src[from + x]}: a bias that varies along the row. */
    private static void addScaled(MemorySegment c, long at, int cols, MemorySegment src, long from, float beta) {
        VectorMask<Float> tail = GemmVector.lanes(0, cols % L);
        int v = 0;
        for (; v + L <= cols; v += L) { // times beta: exact when beta is 1
            long b = (at + v) * Float.BYTES;
            FloatVector bv = FloatVector.fromMemorySegment(F, src, (from + v) * Float.BYTES, NATIVE).mul(beta);
            FloatVector.fromMemorySegment(F, c, b, NATIVE).add(bv).intoMemorySegment(c, b, NATIVE);
        }
        if (v < cols) {
            long b = (at + v) * Float.BYTES;
            FloatVector bv = FloatVector.fromMemorySegment(F, src, (from + v) * Float.BYTES, NATIVE, tail).mul(beta);
            FloatVector.fromMemorySegment(F, c, b, NATIVE, tail).add(bv).intoMemorySegment(c, b, NATIVE, tail);
        }
    }
}
