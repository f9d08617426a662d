package io.jdeepface.converter.onnx;

import io.jdeepface.converter.protobuf.ProtoWriter;
import java.util.List;

/** Test-only builders for small ONNX messages, using the field numbers of onnx.proto. */
final class OnnxProtos {
    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT8 = 3;
    static final int INT32 = 6;
    static final int INT64 = 7;
    static final int BOOL = 9;
    static final int FLOAT16 = 10;
    static final int DOUBLE = 11;

    private OnnxProtos() {}

    /** A TensorProto header (dims written unpacked, as onnx.proto declares them); add data fields. */
    static ProtoWriter tensor(String name, int dataType, long... dims) {
        ProtoWriter w = new ProtoWriter();
        for (long d : dims) {
            w.varint(1, d);
        }
        return w.varint(2, dataType).string(8, name);
    }

    static ProtoWriter floatTensor(String name, long[] dims, float... values) {
        return tensor(name, FLOAT, dims).packedFloats(4, values);
    }

    /** A tensor ValueInfoProto; a dimension of -1 is written as the symbolic dim_param "N". */
    static ProtoWriter valueInfo(String name, int elemType, long... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (long d : dims) {
            shape.message(1, d < 0 ? new ProtoWriter().string(2, "N") : new ProtoWriter().varint(1, d));
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, elemType).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }

    static ProtoWriter node(String opType, List<String> inputs, List<String> outputs, ProtoWriter... attributes) {
        ProtoWriter w = new ProtoWriter();
        inputs.forEach(i -> w.string(1, i));
        outputs.forEach(o -> w.string(2, o));
        w.string(4, opType);
        for (ProtoWriter a : attributes) {
            w.message(5, a);
        }
        return w;
    }

    static ProtoWriter attr(String name, int type) {
        return new ProtoWriter().string(1, name).varint(20, type);
    }

    /** A ModelProto (IR 7, default opset 13) around the graph. */
    static byte[] model(ProtoWriter graph) {
        return new ProtoWriter()
                .varint(1, 7)
                .string(2, "test-producer").string(3, "1.0")
                .message(8, new ProtoWriter().string(1, "").varint(2, 13))
                .message(7, graph)
                .toByteArray();
    }

    /** A graph Y = Identity(X) with the given extra initializers (each also usable by nodes). */
    static ProtoWriter identityGraph(ProtoWriter... initializers) {
        ProtoWriter g = new ProtoWriter()
                .message(1, node("Identity", List.of("X"), List.of("Y")))
                .string(2, "g");
        for (ProtoWriter t : initializers) {
            g.message(5, t);
        }
        return g.message(11, valueInfo("X", FLOAT, 1, 3)).message(12, valueInfo("Y", FLOAT, 1, 3));
    }
}
