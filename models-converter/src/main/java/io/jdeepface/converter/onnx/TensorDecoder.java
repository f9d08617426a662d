package io.jdeepface.converter.onnx;

import io.jdeepface.converter.protobuf.ProtoReader;
import io.jdeepface.converter.protobuf.ProtoReader.Encoding;
import io.jdeepface.engine.format.ModelFormatException;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decodes an ONNX {@code TensorProto} into an {@link Initializer} whose data is a little-endian
 * heap copy. ONNX stores elements either as {@code raw_data} bytes (already little-endian) or in a
 * typed repeated field ({@code float_data}, {@code int32_data}, {@code int64_data}), which we
 * convert to the same byte layout.
 *
 * <p>Two passes keep hostile files from making us allocate: the first pass only records where the
 * data is and counts typed elements; memory is allocated once the element count implied by
 * {@code dims} is known to match the data actually present in the file.
 */
final class TensorDecoder {
    // TensorProto field numbers (onnx.proto)
    private static final int DIMS = 1;
    private static final int DATA_TYPE = 2;
    private static final int SEGMENT = 3;
    private static final int FLOAT_DATA = 4;
    private static final int INT32_DATA = 5;
    private static final int STRING_DATA = 6;
    private static final int INT64_DATA = 7;
    private static final int NAME = 8;
    private static final int RAW_DATA = 9;
    private static final int DOUBLE_DATA = 10;
    private static final int UINT64_DATA = 11;
    private static final int EXTERNAL_DATA = 13;
    private static final int DATA_LOCATION = 14;
    private static final int LOCATION_EXTERNAL = 1;

    private static final ValueLayout.OfFloat F32 =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32 =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16 =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** Heap segments are backed by a byte[]; stay clear of the JVM's array size limit. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 16;

    private TensorDecoder() {}

    /** Decodes a tensor; {@code fallbackName} is used when the tensor itself has no name. */
    static Initializer decode(ProtoReader r, String fallbackName) throws ModelFormatException {
        long[] dims = new long[Shape.MAX_RANK + 1];
        long[] rank = {0};
        int dataType = 0;
        String name = "";
        MemorySegment raw = null;
        int typedField = 0;
        long typedCount = 0;
        boolean external = false;
        while (r.nextField()) {
            switch (r.fieldNumber()) {
                case DIMS -> r.readRepeated(Encoding.VARINT, v -> {
                    if (rank[0] < dims.length) { // count beyond, but store no more than MAX_RANK + 1
                        dims[(int) rank[0]] = v;
                    }
                    rank[0]++;
                });
                case DATA_TYPE -> dataType = r.readInt32();
                case NAME -> name = r.readString();
                case RAW_DATA -> raw = r.readBytes();
                case FLOAT_DATA, INT32_DATA, INT64_DATA, DOUBLE_DATA, UINT64_DATA -> {
                    if (typedField != 0 && typedField != r.fieldNumber()) {
                        throw r.error("tensor" + describe(name) + " stores data in two typed fields");
                    }
                    typedField = r.fieldNumber();
                    typedCount += r.readRepeated(encoding(typedField), v -> { });
                }
                case STRING_DATA -> throw r.error("tensor" + describe(name)
                        + " holds strings, which jdeepface does not support");
                case SEGMENT -> throw r.error("tensor" + describe(name)
                        + " is split into segments, which jdeepface does not support");
                case EXTERNAL_DATA -> {
                    external = true;
                    r.skipField();
                }
                case DATA_LOCATION -> external |= r.readInt32() == LOCATION_EXTERNAL;
                default -> r.skipField();
            }
        }
        String tensorName = name.isEmpty() ? fallbackName : name;
        String what = "tensor '" + tensorName + "'";
        if (external) {
            throw r.messageError(what + " keeps its data in an external file (external_data), which jdeepface "
                    + "does not support; save the model with all data embedded in the .onnx file");
        }
        if (rank[0] > Shape.MAX_RANK) {
            throw r.messageError(what + " has " + rank[0] + " dims, more than " + Shape.MAX_RANK);
        }
        DataType type = OnnxTypes.dataType(dataType);
        if (type == null) {
            throw r.messageError(what + " has element type " + OnnxTypes.name(dataType)
                    + ", which jdeepface does not support");
        }
        long[] shapeDims = Arrays.copyOf(dims, (int) rank[0]);
        long count = 1;
        for (long d : shapeDims) {
            if (d < 0) {
                throw r.messageError(what + " has a negative dimension in " + Arrays.toString(shapeDims));
            }
            count = multiply(r, what, count, d);
        }
        long byteSize = multiply(r, what, count, type.byteSize());
        Shape shape = new Shape(shapeDims);
        if (raw != null && typedField != 0) {
            throw r.messageError(what + " has both raw_data and a typed data field");
        }
        MemorySegment out;
        if (raw != null) {
            if (raw.byteSize() != byteSize) {
                throw r.messageError(what + " of " + type + shape + " needs " + byteSize
                        + " bytes of raw_data but has " + raw.byteSize());
            }
            out = allocate(r, what, byteSize);
            out.copyFrom(raw);
        } else if (typedField != 0) {
            checkTypedField(r, what, type, typedField);
            if (typedCount != count) {
                throw r.messageError(what + " of " + type + shape + " needs " + count + " elements but its "
                        + fieldName(typedField) + " holds " + typedCount);
            }
            out = allocate(r, what, byteSize);
            fillTyped(r.rewind(), typedField, type, out);
        } else if (count == 0) {
            out = MemorySegment.ofArray(new byte[0]);
        } else {
            throw r.messageError(what + " of " + type + shape + " has no data");
        }
        return new Initializer(tensorName, type, shape, out);
    }

    /** Second pass: converts the typed field's values into little-endian element bytes. */
    private static void fillTyped(ProtoReader r, int field, DataType type, MemorySegment out)
            throws ModelFormatException {
        long[] index = {0};
        while (r.nextField()) {
            if (r.fieldNumber() != field) {
                r.skipField();
                continue;
            }
            r.readRepeated(encoding(field), v -> {
                long i = index[0]++;
                switch (type) {
                    case FLOAT32 -> out.setAtIndex(I32, i, (int) v); // raw IEEE bits
                    case INT64 -> out.setAtIndex(I64, i, v);
                    case INT32 -> out.setAtIndex(I32, i, (int) v);
                    case FLOAT16 -> out.setAtIndex(I16, i, (short) v); // bits stored in an int32
                    case INT8, UINT8, BOOL -> out.set(ValueLayout.JAVA_BYTE, i, (byte) v);
                }
            });
        }
    }

    /** ONNX says which typed field each element type must use. */
    private static void checkTypedField(ProtoReader r, String what, DataType type, int field)
            throws ModelFormatException {
        boolean ok = switch (field) {
            case FLOAT_DATA -> type == DataType.FLOAT32;
            case INT64_DATA -> type == DataType.INT64;
            case INT32_DATA -> switch (type) {
                case INT32, INT8, UINT8, BOOL, FLOAT16 -> true;
                default -> false;
            };
            default -> false;
        };
        if (!ok) {
            throw r.messageError(what + " of type " + type + " stores its data in " + fieldName(field)
                    + ", which ONNX does not allow for that type");
        }
    }

    private static Encoding encoding(int field) {
        return switch (field) {
            case FLOAT_DATA -> Encoding.FIXED32;
            case DOUBLE_DATA -> Encoding.FIXED64;
            default -> Encoding.VARINT;
        };
    }

    private static String fieldName(int field) {
        return switch (field) {
            case FLOAT_DATA -> "float_data";
            case INT32_DATA -> "int32_data";
            case INT64_DATA -> "int64_data";
            case DOUBLE_DATA -> "double_data";
            case UINT64_DATA -> "uint64_data";
            default -> "field " + field;
        };
    }

    private static long multiply(ProtoReader r, String what, long a, long b) throws ModelFormatException {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw r.messageError(what + " has an element count that overflows 64 bits");
        }
    }

    private static MemorySegment allocate(ProtoReader r, String what, long bytes) throws ModelFormatException {
        if (bytes > MAX_BYTES) {
            throw r.messageError(what + " needs " + bytes + " bytes, more than one tensor may hold (2 GiB)");
        }
        return MemorySegment.ofArray(new byte[(int) bytes]);
    }

    private static String describe(String name) {
        return name.isEmpty() ? "" : " '" + name + "'";
    }
}
