package io.jdeepface.converter.protobuf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.converter.protobuf.ProtoReader.Encoding;
import io.jdeepface.engine.format.ModelFormatException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ProtoReaderTest {

    private static ProtoReader first(ProtoWriter w) throws ModelFormatException {
        ProtoReader r = ProtoReader.of(w.toByteArray(), "Test");
        assertTrue(r.nextField());
        return r;
    }

    @Property(tries = 300)
    void varintRoundTrip(@ForAll long value, @ForAll @IntRange(min = 1, max = 1 << 20) int field) throws Exception {
        ProtoReader r = first(new ProtoWriter().varint(field, value));
        assertEquals(field, r.fieldNumber());
        assertEquals(ProtoReader.WIRE_VARINT, r.wireType());
        assertEquals(value, r.readVarint());
        assertFalse(r.nextField());
    }

    @Property(tries = 300)
    void int32KeepsLow32Bits(@ForAll int value) throws Exception {
        // protobuf writes negative int32 sign-extended to 10 bytes
        assertEquals(value, first(new ProtoWriter().varint(1, value)).readInt32());
    }

    @Property(tries = 300)
    void zigzagRoundTrip(@ForAll int small, @ForAll long big) throws Exception {
        ProtoReader r = first(new ProtoWriter().sint32(1, small).sint64(2, big));
        assertEquals(small, r.readSInt32());
        assertTrue(r.nextField());
        assertEquals(big, r.readSInt64());
    }

    @Test
    void zigzagMapsSmallMagnitudesToSmallCodes() {
        assertEquals(0, ProtoReader.zigzagDecode32(0));
        assertEquals(-1, ProtoReader.zigzagDecode32(1));
        assertEquals(1, ProtoReader.zigzagDecode32(2));
        assertEquals(Integer.MIN_VALUE, ProtoReader.zigzagDecode32(-1));
        assertEquals(Long.MIN_VALUE, ProtoReader.zigzagDecode64(-1L));
    }

    @Property(tries = 300)
    void fixedAndFloatingRoundTrip(@ForAll int i32, @ForAll long i64, @ForAll float f, @ForAll double d)
            throws Exception {
        ProtoReader r = first(new ProtoWriter().fixed32(1, i32).fixed64(2, i64).floatField(3, f).doubleField(4, d));
        assertEquals(i32, r.readFixed32());
        assertTrue(r.nextField());
        assertEquals(i64, r.readFixed64());
        assertTrue(r.nextField());
        assertEquals(Float.floatToRawIntBits(f), Float.floatToRawIntBits(r.readFloat()));
        assertTrue(r.nextField());
        assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(r.readDouble()));
        assertFalse(r.nextField());
    }

    @Property(tries = 300)
    void packedAndUnpackedRepeatedFieldsReadTheSame(@ForAll @Size(max = 50) long[] values) throws Exception {
        ProtoWriter unpacked = new ProtoWriter();
        int[] ints = new int[values.length];
        for (int k = 0; k < values.length; k++) {
            unpacked.varint(1, values[k]);
            ints[k] = (int) values[k];
        }
        assertArrayEquals(values, readAll(unpacked, Encoding.VARINT));
        assertArrayEquals(values, readAll(new ProtoWriter().packedVarints(1, values), Encoding.VARINT));
        assertArrayEquals(values, readAll(new ProtoWriter().packedFixed64(1, values), Encoding.FIXED64));
        long[] asUnsigned32 = LongStream.of(values).map(v -> v & 0xFFFF_FFFFL).toArray();
        assertArrayEquals(asUnsigned32, readAll(new ProtoWriter().packedFixed32(1, ints), Encoding.FIXED32));
    }

    private static long[] readAll(ProtoWriter w, Encoding e) throws ModelFormatException {
        ProtoReader r = ProtoReader.of(w.toByteArray(), "Test");
        LongStream.Builder b = LongStream.builder();
        while (r.nextField()) {
            r.readRepeated(e, b);
        }
        return b.build().toArray();
    }

    @Test
    void overlongVarintsAreRejected() {
        byte[] elevenBytes = {8, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
            (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0};
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> first(new ProtoWriter().raw(toInts(elevenBytes))).readVarint());
        assertTrue(e.getMessage().contains("at byte 1"), e.getMessage());
        // ten bytes whose last one carries more than bit 63
        byte[] tooBig = {8, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 2};
        assertThrows(ModelFormatException.class, () -> first(new ProtoWriter().raw(toInts(tooBig))).readVarint());
    }

    @Property(tries = 300)
    void overlongVarintRejectedWherever(@ForAll @IntRange(min = 11, max = 40) int length) {
        ProtoWriter w = new ProtoWriter().raw(8);
        for (int i = 0; i < length - 1; i++) {
            w.raw(0x80);
        }
        w.raw(0);
        assertThrows(ModelFormatException.class, () -> first(w).readVarint());
    }

    @Test
    void truncatedInputsAreRejectedWithOffsets() {
        assertError("truncated varint", new ProtoWriter().raw(8, 0x80));
        assertError("truncated varint", new ProtoWriter().raw(0x80));
        ModelFormatException e = assertError("exceeds", new ProtoWriter().raw(0x0A, 5, 1, 2));
        assertTrue(e.getMessage().contains("at byte 1") && e.getMessage().startsWith("Test: "), e.getMessage());
        assertError("needs 4 bytes", new ProtoWriter().raw(0x0D, 1, 2));
        assertError("needs 8 bytes", new ProtoWriter().raw(0x09, 1, 2, 3, 4));
    }

    @Test
    void groupsAndInvalidWireTypesAreRejected() {
        assertError("group", new ProtoWriter().tag(1, 3));
        assertError("group", new ProtoWriter().tag(1, 4));
        assertError("invalid wire type 6", new ProtoWriter().tag(1, 6));
        assertError("invalid wire type 7", new ProtoWriter().tag(1, 7));
        assertError("invalid field number 0", new ProtoWriter().tag(0, 0).raw(0));
    }

    @Test
    void wrongWireTypeForTheFieldIsReported() throws Exception {
        ProtoReader r = first(new ProtoWriter().fixed32(3, 7));
        ModelFormatException e = assertThrows(ModelFormatException.class, r::readVarint);
        assertTrue(e.getMessage().contains("field 3 has wire type 5"), e.getMessage());
    }

    @Test
    void unknownFieldsOfEveryWireTypeAreSkipped() throws Exception {
        ProtoWriter w = new ProtoWriter()
                .varint(10, -1).fixed32(11, 5).fixed64(12, 6).string(13, "skip me")
                .message(14, new ProtoWriter().varint(1, 2))
                .varint(1, 42);
        ProtoReader r = ProtoReader.of(w.toByteArray(), "Test");
        long found = -1;
        int fields = 0;
        while (r.nextField()) {
            fields++;
            if (r.fieldNumber() == 1) {
                found = r.readInt64();
            } else {
                r.skipField();
            }
        }
        assertEquals(42, found);
        assertEquals(6, fields);
    }

    @Test
    void subMessagesAreBoundedAndBlobsAreNotCopied() throws Exception {
        byte[] blob = {1, 2, 3, 4, 5};
        byte[] data = new ProtoWriter()
                .message(1, new ProtoWriter().varint(1, 9).bytes(2, blob))
                .varint(2, 77).toByteArray();
        ProtoReader r = ProtoReader.of(data, "Outer");
        assertTrue(r.nextField());
        ProtoReader inner = r.readMessage("Inner");
        assertTrue(inner.nextField());
        assertEquals(9, inner.readInt64());
        assertTrue(inner.nextField());
        MemorySegment slice = inner.readBytes();
        assertArrayEquals(blob, slice.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
        assertSame(data, slice.heapBase().orElseThrow()); // a view of the input, not a copy
        assertFalse(inner.nextField()); // the inner reader stops at its own end
        assertTrue(r.nextField());
        assertEquals(77, r.readInt64());
    }

    @Test
    void innerLengthMayNotExceedTheEnclosingMessage() throws Exception {
        // outer field 1 holds 3 bytes; inside, a field claims 10 bytes
        byte[] data = new ProtoWriter().bytes(1, new byte[] {0x12, 10, 0}).varint(2, 0).toByteArray();
        ProtoReader inner = first(new ProtoWriter().raw(toInts(data))).readMessage("Inner");
        assertTrue(inner.nextField());
        ModelFormatException e = assertThrows(ModelFormatException.class, inner::readBytes);
        assertTrue(e.getMessage().startsWith("Inner: length 10"), e.getMessage());
    }

    @Test
    void nestingDepthIsLimited() {
        ProtoWriter w = new ProtoWriter().varint(1, 1);
        for (int i = 0; i < ProtoReader.MAX_DEPTH + 5; i++) {
            w = new ProtoWriter().message(1, w);
        }
        byte[] data = w.toByteArray();
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> walk(ProtoReader.of(data, "Deep")));
        assertTrue(e.getMessage().contains("nested deeper"), e.getMessage());
    }

    @Test
    void stringsMustBeUtf8() throws Exception {
        assertEquals("żółw", first(new ProtoWriter().string(1, "żółw")).readString());
        ProtoReader r = first(new ProtoWriter().bytes(1, new byte[] {(byte) 0xC3, 0x28}));
        assertThrows(ModelFormatException.class, r::readString);
    }

    @Test
    void packedFixedPayloadMustBeWhole() {
        assertThrows(ModelFormatException.class,
                () -> first(new ProtoWriter().bytes(1, new byte[6])).readRepeated(Encoding.FIXED32, v -> { }));
        assertThrows(ModelFormatException.class,
                () -> first(new ProtoWriter().bytes(1, new byte[] {(byte) 0x80})).readRepeated(Encoding.VARINT, v -> { }));
    }

    @Test
    void readsFromAByteBufferRegion() throws Exception {
        byte[] data = new ProtoWriter().raw(0xFF, 0xFF).varint(1, 5).toByteArray();
        ByteBuffer buf = ByteBuffer.wrap(data).position(2);
        ProtoReader r = ProtoReader.of(buf, "Buf");
        assertTrue(r.nextField());
        assertEquals(5, r.readInt64());
        assertEquals(2, buf.position());
    }

    @Test
    void rewindStartsOver() throws Exception {
        ProtoReader r = first(new ProtoWriter().varint(1, 3));
        r.readInt64();
        assertFalse(r.nextField());
        ProtoReader again = r.rewind();
        assertTrue(again.nextField());
        assertEquals(3, again.readInt64());
    }

    @Property(tries = 300)
    void randomBytesOnlyEverFailWithModelFormatException(@ForAll @Size(max = 200) byte[] data) {
        try {
            walk(ProtoReader.of(data, "Random"));
        } catch (ModelFormatException expected) {
            // fine: corrupt input reported as such
        }
    }

    /** Reads every field in every way its wire type allows, recursing into length-delimited ones. */
    private static void walk(ProtoReader r) throws ModelFormatException {
        while (r.nextField()) {
            switch (r.wireType()) {
                case ProtoReader.WIRE_VARINT -> r.readSInt64();
                case ProtoReader.WIRE_FIXED32 -> r.readFloat();
                case ProtoReader.WIRE_FIXED64 -> r.readDouble();
                default -> {
                    ProtoReader sub = r.readMessage("Sub");
                    try {
                        walk(sub);
                    } catch (ModelFormatException e) {
                        if (e.getMessage().contains("nested deeper")) {
                            throw e;
                        }
                        // not a message: try it as packed varints, then as text
                        ProtoReader again = sub.rewind();
                        try {
                            if (again.nextField()) {
                                again.readRepeated(Encoding.VARINT, v -> { });
                            }
                        } catch (ModelFormatException ignored) {
                            // also fine
                        }
                    }
                }
            }
        }
    }

    private static ModelFormatException assertError(String fragment, ProtoWriter w) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> {
            ProtoReader r = ProtoReader.of(w.toByteArray(), "Test");
            while (r.nextField()) {
                r.skipField();
            }
        });
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        return e;
    }

    private static int[] toInts(byte[] bytes) {
        int[] out = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i] & 0xFF;
        }
        return out;
    }
}
