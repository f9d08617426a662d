package io.jdeepface.engine.format;

import io.jdeepface.engine.graph.Attribute;

/** The one-byte tag that says which {@link Attribute} kind follows in the file. */
enum AttributeKind {
    INT(1), FLOAT(2), STRING(3), INTS(4), FLOATS(5), TENSOR(6);

    final int code;

    AttributeKind(int code) {
        this.code = code;
    }

    static AttributeKind of(Attribute a) {
        return switch (a) {
            case Attribute.Int i -> INT;
            case Attribute.Float f -> FLOAT;
            case Attribute.Str s -> STRING;
            case Attribute.Ints i -> INTS;
            case Attribute.Floats f -> FLOATS;
            case Attribute.TensorValue t -> TENSOR;
        };
    }

    /** The kind for a tag, or null for a tag this version does not know. */
    static AttributeKind fromCode(int code) {
        for (AttributeKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        return null;
    }
}
