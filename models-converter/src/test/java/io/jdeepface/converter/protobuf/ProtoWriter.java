package io.jdeepface.converter.protobuf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Test-only protobuf encoder: builds messages field by field to feed {@link ProtoReader}. */
public final class ProtoWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public ProtoWriter tag(int field, int wireType) {
        return rawVarint(((long) field << 3) | wireType);
    }

    public ProtoWriter varint(int field, long value) {
        return tag(field, ProtoReader.WIRE_VARINT).rawVarint(value);
    }

    public ProtoWriter sint32(int field, int value) {
        return varint(field, Integer.toUnsignedLong((value << 1) ^ (value >> 31)));
    }

    public ProtoWriter sint64(int field, long value) {
        return varint(field, (value << 1) ^ (value >> 63));
    }

    public ProtoWriter fixed32(int field, int value) {
        return tag(field, ProtoReader.WIRE_FIXED32).rawFixed32(value);
    }

    public ProtoWriter fixed64(int field, long value) {
        return tag(field, ProtoReader.WIRE_FIXED64).rawFixed64(value);
    }

    public ProtoWriter floatField(int field, float value) {
        return fixed32(field, Float.floatToRawIntBits(value));
    }

    public ProtoWriter doubleField(int field, double value) {
        return fixed64(field, Double.doubleToRawLongBits(value));
    }

    public ProtoWriter bytes(int field, byte[] value) {
        tag(field, ProtoReader.WIRE_LEN).rawVarint(value.length);
        out.writeBytes(value);
        return this;
    }

    public ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    public ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.toByteArray());
    }

    public ProtoWriter packedVarints(int field, long... values) {
        ProtoWriter p = new ProtoWriter();
        for (long v : values) {
            p.rawVarint(v);
        }
        return bytes(field, p.toByteArray());
    }

    public ProtoWriter packedFixed32(int field, int... values) {
        ProtoWriter p = new ProtoWriter();
        for (int v : values) {
            p.rawFixed32(v);
        }
        return bytes(field, p.toByteArray());
    }

    public ProtoWriter packedFloats(int field, float... values) {
        ProtoWriter p = new ProtoWriter();
        for (float v : values) {
            p.rawFixed32(Float.floatToRawIntBits(v));
        }
        return bytes(field, p.toByteArray());
    }

    public ProtoWriter packedFixed64(int field, long... values) {
        ProtoWriter p = new ProtoWriter();
        for (long v : values) {
            p.rawFixed64(v);
        }
        return bytes(field, p.toByteArray());
    }

    /** Appends bytes as they are, for hand-made (often broken) encodings. */
    public ProtoWriter raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    public ProtoWriter rawVarint(long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
        return this;
    }

    public ProtoWriter rawFixed32(int value) {
        for (int i = 0; i < 4; i++) {
            out.write(value >>> (8 * i));
        }
        return this;
    }

    public ProtoWriter rawFixed64(long value) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (value >>> (8 * i)));
        }
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
