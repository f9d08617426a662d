package io.jdeepface.engine.format;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over one region of the file that checks every read against the region's end. Counts are
 * checked against both a sanity limit and the bytes that remain, so a hostile count cannot make the
 * caller allocate more than the file could describe. Errors name the byte offset and the element.
 */
final class SegmentReader {
    private static final ValueLayout.OfInt I32 =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final MemorySegment file;
    private final long end;
    private final String source;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder(); // reports malformed input
    private long position;
    private String element = "";

    SegmentReader(MemorySegment file, long start, long end, String source) {
        this.file = file;
        this.position = start;
        this.end = end;
        this.source = source;
    }

    /** Names the element being read, for error messages ("node #3 'conv1'"). */
    void element(String description) {
        element = description;
    }

    long position() {
        return position;
    }

    long remaining() {
        return end - position;
    }

    int u8(String what) throws ModelFormatException {
        need(1, what);
        return Byte.toUnsignedInt(file.get(ValueLayout.JAVA_BYTE, position++));
    }

    long i64(String what) throws ModelFormatException {
        need(8, what);
        long v = file.get(I64, position);
        position += 8;
        return v;
    }

    float f32(String what) throws ModelFormatException {
        need(4, what);
        // Raw bits: NaN payloads and -0.0 come back exactly as written.
        float v = Float.intBitsToFloat(file.get(I32, position));
        position += 4;
        return v;
    }

    /**
     * An unsigned 32-bit count of elements that each take at least {@code minBytesEach} bytes in the
     * file, at most {@code limit}.
     */
    int count(String what, int limit, int minBytesEach) throws ModelFormatException {
        long at = position;
        long n = u32(what);
        if (n > limit) {
            throw error(at, what + " " + n + " exceeds the limit of " + limit);
        }
        if (n * minBytesEach > remaining()) {
            throw error(at, what + " " + n + " needs at least " + n * minBytesEach + " bytes but only "
                    + remaining() + " remain in the section (truncated or corrupt)");
        }
        return (int) n;
    }

    String string(String what) throws ModelFormatException {
        long at = position;
        long length = u32(what + " length");
        if (length > FormatLimits.MAX_STRING_BYTES) {
            throw error(at, what + " is " + length + " bytes long, over the limit of "
                    + FormatLimits.MAX_STRING_BYTES);
        }
        need(length, what);
        byte[] bytes = new byte[(int) length];
        MemorySegment.copy(file, ValueLayout.JAVA_BYTE, position, bytes, 0, bytes.length);
        try {
            String s = utf8.decode(ByteBuffer.wrap(bytes)).toString();
            position += length;
            return s;
        } catch (CharacterCodingException e) {
            throw error(position, what + " is not valid UTF-8");
        }
    }

    ModelFormatException error(long offset, String message) {
        return new ModelFormatException(source + ": byte " + offset
                + (element.isEmpty() ? "" : " (" + element + ")") + ": " + message);
    }

    ModelFormatException error(String message) {
        return error(position, message);
    }

    private long u32(String what) throws ModelFormatException {
        need(4, what);
        long v = Integer.toUnsignedLong(file.get(I32, position));
        position += 4;
        return v;
    }

    private void need(long bytes, String what) throws ModelFormatException {
        if (bytes > remaining()) {
            throw error(what + " needs " + bytes + " bytes but only " + remaining()
                    + " remain in the section (truncated or corrupt)");
        }
    }
}
