package io.jdeepface.engine.tensor;

/**
 * Element types a model may hold. Codes are ONNX's {@code TensorProto.DataType} numbers so that
 * readers can map them directly; our file format stores the same codes.
 */
public enum DataType {
    FLOAT32(1, 4),
    UINT8(2, 1),
    INT8(3, 1),
    INT32(6, 4),
    INT64(7, 8),
    BOOL(9, 1),
    FLOAT16(10, 2);

    private final int onnxCode;
    private final int byteSize;

    DataType(int onnxCode, int byteSize) {
        this.onnxCode = onnxCode;
        this.byteSize = byteSize;
    }

    public int onnxCode() {
        return onnxCode;
    }

    public int byteSize() {
        return byteSize;
    }

    /** The type for an ONNX code, or {@code null} when we do not support it. */
    public static DataType fromOnnxCode(int code) {
        for (DataType t : values()) {
            if (t.onnxCode == code) {
                return t;
            }
        }
        return null;
    }
}
