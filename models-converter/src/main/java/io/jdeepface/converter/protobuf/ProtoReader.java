package io.jdeepface.converter.protobuf;

import io.jdeepface.engine.format.ModelFormatException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * Reads one protobuf message in wire format, field by field, with no code generation.
 *
 * <p>Usage: {@code while (r.nextField()) switch (r.fieldNumber()) { case 1 -> r.readInt64(); ...
 * default -> r.skipField(); }}. Each read method checks that the current field has the wire type it
 * needs. Nested messages get their own reader over a bounded slice of the same memory, so large
 * payloads such as tensor data are never copied here.
 *
 * <p>Hostile input is expected: every length is checked against the enclosing message, varints
 * longer than 10 bytes are rejected, nesting is limited to {@link #MAX_DEPTH} and every failure is
 * a {@link ModelFormatException} naming the message and the absolute byte offset in the buffer.
 */
public final class ProtoReader {
    /** Deepest message nesting we follow; ONNX needs about 8, anything near this is hostile. */
    public static final int MAX_DEPTH = 64;

    public static final int WIRE_VARINT = 0;
    public static final int WIRE_FIXED64 = 1;
    public static final int WIRE_LEN = 2;
    public static final int WIRE_FIXED32 = 5;

    private static final int MAX_FIELD_NUMBER = (1 << 29) - 1;
    private static final ValueLayout.OfInt LE_INT =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LE_LONG =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** How the values of a scalar field are encoded on the wire. */
    public enum Encoding {
        /** int32, int64, uint32, uint64, bool, enum (sint types are varints too, decode with zigzag). */
        VARINT,
        /** fixed32, sfixed32, float. */
        FIXED32,
        /** fixed64, sfixed64, double. */
        FIXED64
    }

    private final MemorySegment data;
    private final long start;
    private final long limit;
    private final int depth;
    private final String context;
    private long pos;
    private long fieldStart;
    private int fieldNumber;
    private int wireType = -1;

    private ProtoReader(MemorySegment data, long start, long limit, int depth, String context) {
        this.data = data;
        this.start = start;
        this.limit = limit;
        this.depth = depth;
        this.context = context;
        this.pos = start;
        this.fieldStart = start;
    }

    /** A reader over a whole segment; {@code context} names the message in error messages. */
    public static ProtoReader of(MemorySegment data, String context) {
        return new ProtoReader(data, 0, data.byteSize(), 0, context);
    }

    public static ProtoReader of(byte[] data, String context) {
        return of(MemorySegment.ofArray(data), context);
    }

    /** A reader over the buffer's remaining bytes (position to limit); the buffer is not modified. */
    public static ProtoReader of(ByteBuffer data, String context) {
        return of(MemorySegment.ofBuffer(data), context);
    }

    /** A fresh reader over the same message, positioned at its first field (for two-pass decoding). */
    public ProtoReader rewind() {
        return new ProtoReader(data, start, limit, depth, context);
    }

    public String context() {
        return context;
    }

    /** Absolute byte offset of the next unread byte. */
    public long offset() {
        return pos;
    }

    /** Absolute byte offset where this message starts. */
    public long startOffset() {
        return start;
    }

    /** Absolute byte offset where the current field's tag starts. */
    public long fieldOffset() {
        return fieldStart;
    }

    /** Size of this message in bytes. */
    public long length() {
        return limit - start;
    }

    /**
     * Advances to the next field. Returns false at the end of the message. The previous field's
     * value must have been read or skipped.
     */
    public boolean nextField() throws ModelFormatException {
        if (pos >= limit) {
            wireType = -1;
            return false;
        }
        fieldStart = pos;
        long tag = rawVarint();
        long number = tag >>> 3;
        int wire = (int) (tag & 7);
        if (number == 0 || number > MAX_FIELD_NUMBER) {
            throw errorAt(fieldStart, "invalid field number " + number);
        }
        fieldNumber = (int) number;
        switch (wire) {
            case WIRE_VARINT, WIRE_FIXED64, WIRE_LEN, WIRE_FIXED32 -> wireType = wire;
            case 3, 4 -> throw errorAt(fieldStart, "field " + number
                    + " uses the deprecated group encoding (wire type " + wire + "), which is not supported");
            default -> throw errorAt(fieldStart, "field " + number + " has invalid wire type " + wire);
        }
        return true;
    }

    public int fieldNumber() {
        return fieldNumber;
    }

    public int wireType() {
        return wireType;
    }

    /** Skips the current field's value, whatever its wire type. */
    public void skipField() throws ModelFormatException {
        switch (wireType) {
            case WIRE_VARINT -> rawVarint();
            case WIRE_FIXED64 -> advance(8);
            case WIRE_FIXED32 -> advance(4);
            case WIRE_LEN -> advance(readLength());
            default -> throw new IllegalStateException("no current field");
        }
    }

    public long readVarint() throws ModelFormatException {
        expect(WIRE_VARINT);
        return rawVarint();
    }

    public long readInt64() throws ModelFormatException {
        return readVarint();
    }

    /** An int32/enum field; like protobuf itself, keeps the low 32 bits of the varint. */
    public int readInt32() throws ModelFormatException {
        return (int) readVarint();
    }

    public boolean readBool() throws ModelFormatException {
        return readVarint() != 0;
    }

    public int readSInt32() throws ModelFormatException {
        return zigzagDecode32((int) readVarint());
    }

    public long readSInt64() throws ModelFormatException {
        return zigzagDecode64(readVarint());
    }

    public int readFixed32() throws ModelFormatException {
        expect(WIRE_FIXED32);
        return rawFixed32();
    }

    public long readFixed64() throws ModelFormatException {
        expect(WIRE_FIXED64);
        return rawFixed64();
    }

    public float readFloat() throws ModelFormatException {
        return Float.intBitsToFloat(readFixed32());
    }

    public double readDouble() throws ModelFormatException {
        return Double.longBitsToDouble(readFixed64());
    }

    /** A length-delimited field's payload as a slice of the underlying memory (no copy). */
    public MemorySegment readBytes() throws ModelFormatException {
        expect(WIRE_LEN);
        long len = readLength();
        MemorySegment slice = data.asSlice(pos, len);
        pos += len;
        return slice;
    }

    /** A string field, which must be valid UTF-8. */
    public String readString() throws ModelFormatException {
        long at = pos;
        byte[] bytes = readBytes().toArray(ValueLayout.JAVA_BYTE);
        boolean ascii = true;
        for (byte b : bytes) {
            ascii &= b >= 0;
        }
        if (ascii) { // names in model files almost always are
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw errorAt(at, "field " + fieldNumber + " is not valid UTF-8 text");
        }
    }

    /** A nested message field: a reader bounded to its payload. */
    public ProtoReader readMessage(String messageContext) throws ModelFormatException {
        expect(WIRE_LEN);
        if (depth + 1 > MAX_DEPTH) {
            throw errorAt(fieldStart, "messages nested deeper than " + MAX_DEPTH);
        }
        long len = readLength();
        ProtoReader sub = new ProtoReader(data, pos, pos + len, depth + 1, messageContext);
        pos += len;
        return sub;
    }

    /**
     * Reads a repeated scalar field occurrence, packed or not (parsers must accept both), handing each
     * value's raw bits to {@code sink}: varints as decoded, fixed32 as the unsigned 32 bits, fixed64 as
     * the 64 bits. Returns the number of values read.
     */
    public long readRepeated(Encoding encoding, LongConsumer sink) throws ModelFormatException {
        if (wireType != WIRE_LEN) {
            sink.accept(readScalar(encoding));
            return 1;
        }
        long len = readLength();
        long end = pos + len;
        long count = 0;
        switch (encoding) {
            case VARINT -> {
                while (pos < end) {
                    sink.accept(rawVarint(end));
                    count++;
                }
            }
            case FIXED32 -> {
                requireMultiple(len, 4);
                for (; pos < end; pos += 4, count++) {
                    sink.accept(Integer.toUnsignedLong(data.get(LE_INT, pos)));
                }
            }
            case FIXED64 -> {
                requireMultiple(len, 8);
                for (; pos < end; pos += 8, count++) {
                    sink.accept(data.get(LE_LONG, pos));
                }
            }
        }
        return count;
    }

    /** An error at the current field, naming this message and the byte offset. */
    public ModelFormatException error(String message) {
        return errorAt(fieldStart, message);
    }

    /** An error about this message as a whole, reported at its first byte. */
    public ModelFormatException messageError(String message) {
        return errorAt(start, message);
    }

    public ModelFormatException errorAt(long offset, String message) {
        return new ModelFormatException(context + ": " + message + " (at byte " + offset + ")");
    }

    public static int zigzagDecode32(int n) {
        return (n >>> 1) ^ -(n & 1);
    }

    public static long zigzagDecode64(long n) {
        return (n >>> 1) ^ -(n & 1);
    }

    private long readScalar(Encoding encoding) throws ModelFormatException {
        return switch (encoding) {
            case VARINT -> readVarint();
            case FIXED32 -> Integer.toUnsignedLong(readFixed32());
            case FIXED64 -> readFixed64();
        };
    }

    private void requireMultiple(long len, int size) throws ModelFormatException {
        if (len % size != 0) {
            throw errorAt(fieldStart, "packed field " + fieldNumber + " has " + len
                    + " bytes, not a multiple of " + size);
        }
    }

    private void expect(int wire) throws ModelFormatException {
        if (wireType != wire) {
            throw errorAt(fieldStart, "field " + fieldNumber + " has wire type " + wireType
                    + ", expected " + wire);
        }
    }

    /** Reads a length prefix and checks that many bytes remain in this message. */
    private long readLength() throws ModelFormatException {
        long at = pos;
        long len = rawVarint();
        if (len < 0 || len > limit - pos) {
            throw errorAt(at, "length " + Long.toUnsignedString(len) + " of field " + fieldNumber
                    + " exceeds the " + (limit - pos) + " bytes left in the message");
        }
        return len;
    }

    private void advance(long n) throws ModelFormatException {
        if (n > limit - pos) {
            throw errorAt(pos, "field " + fieldNumber + " needs " + n + " bytes but only "
                    + (limit - pos) + " are left in the message");
        }
        pos += n;
    }

    private int rawFixed32() throws ModelFormatException {
        long at = pos;
        advance(4);
        return data.get(LE_INT, at);
    }

    private long rawFixed64() throws ModelFormatException {
        long at = pos;
        advance(8);
        return data.get(LE_LONG, at);
    }

    private long rawVarint() throws ModelFormatException {
        return rawVarint(limit);
    }

    /** Base-128 varint, least significant group first; at most 10 bytes for 64 bits. */
    private long rawVarint(long end) throws ModelFormatException {
        long at = pos;
        long result = 0;
        for (int i = 0; i < 10; i++) {
            if (pos >= end) {
                throw errorAt(at, "truncated varint");
            }
            int b = data.get(ValueLayout.JAVA_BYTE, pos++) & 0xFF;
            if (i == 9 && b > 1) { // the 10th byte holds only bit 63
                throw errorAt(at, "varint longer than 64 bits");
            }
            result |= (long) (b & 0x7F) << (7 * i);
            if (b < 0x80) {
                return result;
            }
        }
        throw errorAt(at, "varint longer than 10 bytes");
    }
}
