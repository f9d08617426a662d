package io.jdeepface.engine.ops.gemm;

import io.jdeepface.engine.ops.activation.Activation;
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
 * of C. Its vector epilogue must match {@link Epilogue#apply} (bias first, then activation).
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
        for (int r = 0; r < rows; r++) {
            long rowAt = cAt + r * ldc;
            for (int v = 0; v < cols; v += L) {
                long at = (rowAt + v) * Float.BYTES;
                FloatVector y = FloatVector.fromArray(F, tile, r * NR + v);
                if (v + L <= cols) {
                    if (accumulate) {
                        y = y.add(FloatVector.fromMemorySegment(F, c, at, NATIVE));
                    }
                    if (epilogue != null) {
                        y = apply(epilogue, y, row0 + r, col0 + v, F.maskAll(true));
                    }
                    y.intoMemorySegment(c, at, NATIVE);
                } else {
                    VectorMask<Float> m = F.indexInRange(v, cols);
                    if (accumulate) {
                        y = y.add(FloatVector.fromMemorySegment(F, c, at, NATIVE, m));
                    }
                    if (epilogue != null) {
                        y = apply(epilogue, y, row0 + r, col0 + v, m);
                    }
                    y.intoMemorySegment(c, at, NATIVE, m);
                }
            }
        }
    }

    /** Epilogue of the lanes of {@code y}, which hold outputs {@code (i, j .. j + L)}. */
    private static FloatVector apply(Epilogue e, FloatVector y, long i, long j, VectorMask<Float> m) {
        if (e.alpha() != 1f) {
            y = y.mul(e.alpha());
        }
        Broadcast bias = e.bias();
        if (bias != null) {
            FloatVector bv = load(bias, i, j, m);
            y = y.add(e.beta() == 1f ? bv : bv.mul(e.beta()));
        }
        Activation act = e.activation();
        return switch (act.kind()) {
            case NONE -> y;
            case RELU -> y.max(0f);
            case CLIP -> y.max(act.min()).min(act.max());
            case LEAKY_RELU -> y.blend(y.mul(act.alpha()), y.lt(0f));
            case PRELU -> y.blend(y.mul(load(e.slope(), i, j, m)), y.lt(0f));
            case SIGMOID -> sigmoid(y);
        };
    }

    /** 1 / (1 + e^-y); overflow of e^-y to infinity gives the right limit 0. */
    private static FloatVector sigmoid(FloatVector y) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        return one.div(y.neg().lanewise(VectorOperators.EXP).add(one));
    }

    /** The broadcast values at {@code (i, j .. j + L)}: one repeated value or a vector load. */
    private static FloatVector load(Broadcast b, long i, long j, VectorMask<Float> m) {
        if (b.colStride() == 0) {
            return FloatVector.broadcast(F, b.get(i, j));
        }
        long at = (b.offset() + i * b.rowStride() + j) * Float.BYTES;
        return FloatVector.fromMemorySegment(F, b.data(), at, NATIVE, m);
    }
}
