package io.jdeepface.converter.onnx;

import io.jdeepface.converter.protobuf.ProtoReader;
import io.jdeepface.converter.protobuf.ProtoReader.Encoding;
import io.jdeepface.engine.format.ModelFormatException;
import io.jdeepface.engine.graph.Attribute;
import io.jdeepface.engine.graph.Initializer;
import java.util.stream.LongStream;

/**
 * Decodes an ONNX {@code AttributeProto} into an {@link Attribute}. The {@code type} field says
 * which value field is meant; a value field that is absent has protobuf's default (0, "", empty).
 * Graph-valued attributes (the bodies of If/Loop/Scan), sparse tensors, type protos and lists of
 * strings or tensors are rejected: face models do not use them and the engine has no form for them.
 */
final class AttributeDecoder {
    // AttributeProto field numbers (onnx.proto)
    private static final int NAME = 1;
    private static final int F = 2;
    private static final int I = 3;
    private static final int S = 4;
    private static final int T = 5;
    private static final int G = 6;
    private static final int FLOATS = 7;
    private static final int INTS = 8;
    private static final int STRINGS = 9;
    private static final int TENSORS = 10;
    private static final int GRAPHS = 11;
    private static final int TYPE = 20;
    private static final int REF_ATTR_NAME = 21;

    // AttributeProto.AttributeType
    private static final int TYPE_UNDEFINED = 0;
    private static final int TYPE_FLOAT = 1;
    private static final int TYPE_INT = 2;
    private static final int TYPE_STRING = 3;
    private static final int TYPE_TENSOR = 4;
    private static final int TYPE_FLOATS = 6;
    private static final int TYPE_INTS = 7;
    private static final String[] TYPE_NAMES = {
        "UNDEFINED", "FLOAT", "INT", "STRING", "TENSOR", "GRAPH", "FLOATS", "INTS", "STRINGS",
        "TENSORS", "GRAPHS", "SPARSE_TENSOR", "SPARSE_TENSORS", "TYPE_PROTO", "TYPE_PROTOS"
    };

    record NamedAttribute(String name, Attribute value) {}

    private AttributeDecoder() {}

    /** Decodes one attribute of the node {@code nodeName}, which is used in messages. */
    static NamedAttribute decode(ProtoReader r, String nodeName) throws ModelFormatException {
        String name = "";
        int type = TYPE_UNDEFINED;
        int lastValueField = 0;
        float f = 0;
        long i = 0;
        String s = "";
        Initializer t = null;
        LongStream.Builder floats = LongStream.builder();
        LongStream.Builder ints = LongStream.builder();
        while (r.nextField()) {
            int field = r.fieldNumber();
            switch (field) {
                case NAME -> name = r.readString();
                case TYPE -> type = r.readInt32();
                case F -> f = r.readFloat();
                case I -> i = r.readInt64();
                case S -> s = r.readString();
                case T -> t = TensorDecoder.decode(r.readMessage("ONNX TensorProto"),
                        nodeName + "." + (name.isEmpty() ? "value" : name));
                case FLOATS -> r.readRepeated(Encoding.FIXED32, floats);
                case INTS -> r.readRepeated(Encoding.VARINT, ints);
                case REF_ATTR_NAME -> throw r.error("attribute of node '" + nodeName
                        + "' refers to a function attribute, which is only valid inside functions");
                default -> r.skipField();
            }
            if (field != NAME && field != TYPE && field != REF_ATTR_NAME) {
                lastValueField = field;
            }
        }
        String what = "attribute '" + name + "' of node '" + nodeName + "'";
        if (name.isEmpty()) {
            throw r.messageError("an attribute of node '" + nodeName + "' has no name");
        }
        if (type == TYPE_UNDEFINED) {
            type = typeOfField(lastValueField); // IR version 1 files had no type field
        }
        Attribute value = switch (type) {
            case TYPE_FLOAT -> new Attribute.Float(f);
            case TYPE_INT -> new Attribute.Int(i);
            case TYPE_STRING -> new Attribute.Str(s);
            case TYPE_TENSOR -> {
                if (t == null) {
                    throw r.messageError(what + " has type TENSOR but no tensor");
                }
                yield new Attribute.TensorValue(t);
            }
            case TYPE_FLOATS -> new Attribute.Floats(toFloats(floats.build().toArray()));
            case TYPE_INTS -> new Attribute.Ints(ints.build().toArray());
            default -> throw r.messageError(what + " has type " + typeName(type)
                    + ", which jdeepface does not support");
        };
        return new NamedAttribute(name, value);
    }

    private static int typeOfField(int field) {
        return switch (field) {
            case F -> TYPE_FLOAT;
            case I -> TYPE_INT;
            case S -> TYPE_STRING;
            case T -> TYPE_TENSOR;
            case G -> 5;
            case FLOATS -> TYPE_FLOATS;
            case INTS -> TYPE_INTS;
            case STRINGS -> 8;
            case TENSORS -> 9;
            case GRAPHS -> 10;
            default -> TYPE_UNDEFINED;
        };
    }

    private static String typeName(int type) {
        String n = type >= 0 && type < TYPE_NAMES.length ? TYPE_NAMES[type] : "unknown";
        return n + " (" + type + ")";
    }

    private static float[] toFloats(long[] bits) {
        float[] out = new float[bits.length];
        for (int k = 0; k < bits.length; k++) {
            out[k] = Float.intBitsToFloat((int) bits[k]);
        }
        return out;
    }
}
