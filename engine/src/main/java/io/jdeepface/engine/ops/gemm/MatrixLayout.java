package io.jdeepface.engine.ops.gemm;

/**
 * Where the elements of a 2-D float matrix sit in a flat buffer: element {@code (r, c)} is at
 * element index {@code offset + r * rowStride + c * colStride}, the offset being given with the
 * buffer. A transposed operand (ONNX {@code transA}/{@code transB}) is the same buffer with the two
 * strides swapped, so no kernel ever materialises a transpose.
 */
public record MatrixLayout(long rowStride, long colStride) {

    /** A dense row-major matrix with {@code cols} columns. */
    public static MatrixLayout rowMajor(long cols) {
        return new MatrixLayout(cols, 1);
    }

    /** The logical transpose of this layout: rows become columns. */
    public MatrixLayout transposed() {
        return new MatrixLayout(colStride, rowStride);
    }

    /** Element index of {@code (r, c)} for a matrix starting at {@code offset}. */
    public long index(long offset, long r, long c) {
        return offset + r * rowStride + c * colStride;
    }
}
