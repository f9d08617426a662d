package io.jdeepface.engine.ops.gemm;

import io.jdeepface.engine.graph.InvalidGraphException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A float tensor broadcast over an M×N output, as the epilogue reads a bias or a PRelu slope:
 * element {@code (i, j)} is at element index {@code offset + i * rowStride + j * colStride}, a zero
 * stride repeating the value along that axis. Conv biases are per row (output channel), Gemm
 * biases per column, a scalar or a full matrix.
 */
public record Broadcast(MemorySegment data, long offset, long rowStride, long colStride) {
    static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    public Broadcast {
        if (rowStride < 0 || colStride < 0 || offset < 0) {
            throw new IllegalArgumentException("negative broadcast stride or offset");
        }
    }

    /** One value per output row (Conv: per output channel). */
    public static Broadcast perRow(MemorySegment data) {
        return new Broadcast(data, 0, 1, 0);
    }

    /** One value per output column (Gemm bias of shape [N]). */
    public static Broadcast perColumn(MemorySegment data) {
        return new Broadcast(data, 0, 0, 1);
    }

    /**
     * ONNX unidirectional broadcasting of a tensor of shape {@code dims} (rank 0 to 2) to an M×N
     * output, as Gemm's input C: [], [1], [N], [1,N], [M,1], [M,N], [1,1]. {@code m} may be -1 when
     * the row count is only known at run time. {@code what} names the value for error messages.
     */
    public static Broadcast toMatrix(MemorySegment data, long[] dims, long m, long n, String what) {
        long rows;
        long cols;
        switch (dims.length) {
            case 0 -> { rows = 1; cols = 1; }
            case 1 -> { rows = 1; cols = dims[0]; }
            case 2 -> { rows = dims[0]; cols = dims[1]; }
            default -> throw new InvalidGraphException(what + " has rank " + dims.length
                    + "; it must broadcast to [" + m + "," + n + "]");
        }
        boolean rowsOk = rows == 1 || rows == m || (m < 0 && rows > 0);
        if (!rowsOk || (cols != 1 && cols != n)) {
            throw new InvalidGraphException(what + " of shape " + java.util.Arrays.toString(dims)
                    + " does not broadcast to [" + m + "," + n + "]");
        }
        return new Broadcast(data, 0, rows == 1 ? 0 : cols, cols == 1 ? 0 : 1);
    }

    /** The value broadcast to {@code (i, j)}. */
    public float get(long i, long j) {
        return data.getAtIndex(FLOAT, offset + i * rowStride + j * colStride);
    }

    /** Same values read from another buffer of the same shape (a run-time input). */
    public Broadcast withData(MemorySegment newData) {
        return new Broadcast(newData, offset, rowStride, colStride);
    }
}
