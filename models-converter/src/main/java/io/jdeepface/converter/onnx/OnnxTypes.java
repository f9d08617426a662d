package io.jdeepface.converter.onnx;

import io.jdeepface.engine.tensor.DataType;

/** ONNX {@code TensorProto.DataType} codes: names for messages and the mapping to our types. */
final class OnnxTypes {
    private static final String[] NAMES = {
        "UNDEFINED", "FLOAT", "UINT8", "INT8", "UINT16", "INT16", "INT32", "INT64", "STRING", "BOOL",
        "FLOAT16", "DOUBLE", "UINT32", "UINT64", "COMPLEX64", "COMPLEX128", "BFLOAT16",
        "FLOAT8E4M3FN", "FLOAT8E4M3FNUZ", "FLOAT8E5M2", "FLOAT8E5M2FNUZ", "UINT4", "INT4", "FLOAT4E2M1"
    };

    private OnnxTypes() {}

    /** The ONNX name of a data type code, e.g. {@code DOUBLE (11)}. */
    static String name(int code) {
        String n = code >= 0 && code < NAMES.length ? NAMES[code] : "unknown";
        return n + " (" + code + ")";
    }

    /** Our element type for an ONNX code, or {@code null} when jdeepface does not support it. */
    static DataType dataType(int code) {
        return DataType.fromOnnxCode(code);
    }
}
