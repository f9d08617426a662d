package io.jdeepface.converter.onnx;

import io.jdeepface.converter.protobuf.ProtoReader;
import io.jdeepface.engine.format.ModelFormatException;
import io.jdeepface.engine.tensor.Shape;
import java.util.Arrays;

/**
 * Decodes an ONNX {@code ValueInfoProto} with its {@code TypeProto}: the declared element type and
 * shape of a graph input, output or intermediate value. A dimension given by name
 * ({@code dim_param}, e.g. "batch") or not at all becomes {@link Shape#DYNAMIC}.
 */
final class ValueInfoDecoder {
    // ValueInfoProto
    private static final int NAME = 1;
    private static final int TYPE = 2;
    // TypeProto
    private static final int TENSOR_TYPE = 1;
    private static final int DENOTATION = 6;
    // TypeProto.Tensor
    private static final int ELEM_TYPE = 1;
    private static final int SHAPE = 2;
    // TensorShapeProto
    private static final int DIM = 1;
    // TensorShapeProto.Dimension
    private static final int DIM_VALUE = 1;
    private static final int DIM_PARAM = 2;

    /**
     * A value as declared in the file. {@code elemType} is the ONNX code (0 when absent);
     * {@code dims} is {@code null} when the rank is unknown (no shape given).
     */
    record DeclaredValue(String name, int elemType, long[] dims) {}

    private ValueInfoDecoder() {}

    static DeclaredValue decode(ProtoReader r) throws ModelFormatException {
        String name = "";
        int elemType = 0;
        long[] dims = null;
        while (r.nextField()) {
            switch (r.fieldNumber()) {
                case NAME -> name = r.readString();
                case TYPE -> {
                    ProtoReader type = r.readMessage("ONNX TypeProto");
                    while (type.nextField()) {
                        switch (type.fieldNumber()) {
                            case TENSOR_TYPE -> {
                                ProtoReader tensor = type.readMessage("ONNX TypeProto.Tensor");
                                while (tensor.nextField()) {
                                    switch (tensor.fieldNumber()) {
                                        case ELEM_TYPE -> elemType = tensor.readInt32();
                                        case SHAPE -> dims = shape(tensor.readMessage("ONNX TensorShapeProto"));
                                        default -> tensor.skipField();
                                    }
                                }
                            }
                            case DENOTATION -> type.skipField();
                            default -> throw type.error("value '" + name
                                    + "' is not a tensor (sequence, map or optional types are not supported)");
                        }
                    }
                }
                default -> r.skipField();
            }
        }
        return new DeclaredValue(name, elemType, dims);
    }

    private static long[] shape(ProtoReader r) throws ModelFormatException {
        long[] dims = new long[Shape.MAX_RANK];
        int rank = 0;
        while (r.nextField()) {
            if (r.fieldNumber() != DIM) {
                r.skipField();
                continue;
            }
            if (rank == Shape.MAX_RANK) {
                throw r.error("shape has more than " + Shape.MAX_RANK + " dimensions");
            }
            dims[rank++] = dimension(r.readMessage("ONNX TensorShapeProto.Dimension"));
        }
        return Arrays.copyOf(dims, rank);
    }

    private static long dimension(ProtoReader r) throws ModelFormatException {
        long value = Shape.DYNAMIC;
        while (r.nextField()) {
            switch (r.fieldNumber()) {
                case DIM_VALUE -> {
                    value = r.readInt64();
                    if (value < 0) {
                        throw r.error("negative dimension " + value);
                    }
                }
                case DIM_PARAM -> {
                    r.skipField(); // a symbolic size such as "batch": unknown until run time
                    value = Shape.DYNAMIC;
                }
                default -> r.skipField();
            }
        }
        return value;
    }
}
