package io.jdeepface.engine.format;

import static io.jdeepface.engine.format.ModelFormat.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The fixed header at the start of every model file: where the two sections are and their
 * checksums. Reading it checks every field against the real file size before anything else is
 * touched, so later code can trust the section bounds.
 */
record FileHeader(FormatVersion version, int headerLength, long fileLength, long structureLength,
                  long weightsOffset, long weightsLength, int structureCrc, int weightsCrc) {

    private static final ValueLayout.OfShort U16 =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32 =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    long structureOffset() {
        return headerLength;
    }

    /** The header bytes, with its own CRC in the last 4 bytes. Only writes 1.x headers of 64 bytes. */
    ByteBuffer encode() {
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC_AT, MAGIC);
        b.putShort(MAJOR_AT, (short) version.major());
        b.putShort(MINOR_AT, (short) version.minor());
        b.putInt(HEADER_LENGTH_AT, HEADER_SIZE);
        b.putLong(FILE_LENGTH_AT, fileLength);
        b.putLong(STRUCTURE_LENGTH_AT, structureLength);
        b.putLong(WEIGHTS_OFFSET_AT, weightsOffset);
        b.putLong(WEIGHTS_LENGTH_AT, weightsLength);
        b.putInt(STRUCTURE_CRC_AT, structureCrc);
        b.putInt(WEIGHTS_CRC_AT, weightsCrc);
        b.putInt(FLAGS_AT, 0);
        int crcAt = HEADER_SIZE - HEADER_CRC_FROM_END;
        b.putInt(crcAt, Checksums.crc32c(b.slice(0, crcAt)));
        return b;
    }

    /** Rejects a file too small to hold a header, before anyone maps it. */
    static void checkSize(long size, String source) throws ModelFormatException {
        if (size == 0) {
            throw new ModelFormatException(source + ": the file is empty, not a jdeepface model");
        }
        if (size < HEADER_SIZE) {
            throw new ModelFormatException(source + ": the file is " + size + " bytes, too small for the "
                    + HEADER_SIZE + "-byte header of a jdeepface model (truncated?)");
        }
    }

    /** Reads and checks the header of {@code file}; the section checksums are checked by the caller. */
    static FileHeader read(MemorySegment file, String source) throws ModelFormatException {
        long size = file.byteSize();
        checkSize(size, source);
        byte[] magic = new byte[MAGIC.length];
        MemorySegment.copy(file, ValueLayout.JAVA_BYTE, MAGIC_AT, magic, 0, magic.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new ModelFormatException(source + ": not a jdeepface model file (it starts with "
                    + HexFormat.ofDelimiter(" ").formatHex(magic) + ", expected "
                    + HexFormat.ofDelimiter(" ").formatHex(MAGIC) + "). ONNX and TF.js models must be"
                    + " converted first.");
        }
        // The version comes before anything else: a newer major version may lay out the rest differently.
        FormatVersion version = new FormatVersion(Short.toUnsignedInt(file.get(U16, MAJOR_AT)),
                Short.toUnsignedInt(file.get(U16, MINOR_AT)));
        if (!version.readableBy(FormatVersion.CURRENT)) {
            throw new UnsupportedFormatVersionException(source, version, FormatVersion.CURRENT);
        }
        boolean newerMinor = version.minor() > FormatVersion.CURRENT.minor();

        long headerLength = Integer.toUnsignedLong(file.get(I32, HEADER_LENGTH_AT));
        if (headerLength < HEADER_SIZE || headerLength > FormatLimits.MAX_HEADER_BYTES
                || headerLength % 8 != 0 || (!newerMinor && headerLength != HEADER_SIZE)) {
            throw error(source, HEADER_LENGTH_AT, "header length " + headerLength + " is not valid for format "
                    + version + (newerMinor ? " (" + HEADER_SIZE + " to " + FormatLimits.MAX_HEADER_BYTES + ", multiple of 8)"
                    : " (must be " + HEADER_SIZE + ")"));
        }
        if (headerLength > size) {
            throw error(source, HEADER_LENGTH_AT, "header length " + headerLength + " exceeds the file size "
                    + size + " (truncated?)");
        }
        long crcAt = headerLength - HEADER_CRC_FROM_END;
        int storedCrc = file.get(I32, crcAt);
        int actualCrc = Checksums.crc32c(file, 0, crcAt);
        if (storedCrc != actualCrc) {
            throw error(source, crcAt, "header checksum mismatch (stored " + hex(storedCrc) + ", computed "
                    + hex(actualCrc) + "): the file is corrupt");
        }
        int flags = file.get(I32, FLAGS_AT);
        if (flags != 0) {
            throw error(source, FLAGS_AT, "reserved flags are " + hex(flags) + ", must be 0 in format "
                    + version.major() + ".x");
        }

        long fileLength = file.get(I64, FILE_LENGTH_AT);
        if (fileLength != size) {
            throw error(source, FILE_LENGTH_AT, "the header says the file has " + fileLength
                    + " bytes but it has " + size + (size < fileLength ? " (truncated)" : " (trailing data)"));
        }
        long structureLength = file.get(I64, STRUCTURE_LENGTH_AT);
        if (structureLength < 0 || structureLength > FormatLimits.MAX_STRUCTURE_BYTES) {
            throw error(source, STRUCTURE_LENGTH_AT, "structure section length " + structureLength
                    + " is outside 0.." + FormatLimits.MAX_STRUCTURE_BYTES);
        }
        long weightsOffset = file.get(I64, WEIGHTS_OFFSET_AT);
        if (weightsOffset < headerLength + structureLength || weightsOffset > size) {
            throw error(source, WEIGHTS_OFFSET_AT, "weights section offset " + weightsOffset
                    + " must lie between the end of the structure section (" + (headerLength + structureLength)
                    + ") and the end of the file (" + size + ")");
        }
        if (weightsOffset % ALIGNMENT != 0) {
            throw error(source, WEIGHTS_OFFSET_AT, "weights section offset " + weightsOffset
                    + " is not a multiple of " + ALIGNMENT);
        }
        long weightsLength = file.get(I64, WEIGHTS_LENGTH_AT);
        if (weightsLength != size - weightsOffset) {
            throw error(source, WEIGHTS_LENGTH_AT, "weights section length " + weightsLength
                    + " does not reach the end of the file (expected " + (size - weightsOffset) + ")");
        }
        return new FileHeader(version, (int) headerLength, fileLength, structureLength, weightsOffset,
                weightsLength, file.get(I32, STRUCTURE_CRC_AT), file.get(I32, WEIGHTS_CRC_AT));
    }

    /** Checks the CRCs of the structure section (with its padding) and of the weights section. */
    void verifySections(MemorySegment file, String source) throws ModelFormatException {
        int structure = Checksums.crc32c(file, headerLength, weightsOffset - headerLength);
        if (structure != structureCrc) {
            throw error(source, headerLength, "structure section checksum mismatch (stored " + hex(structureCrc)
                    + ", computed " + hex(structure) + "): the file is corrupt");
        }
        int weights = Checksums.crc32c(file, weightsOffset, weightsLength);
        if (weights != weightsCrc) {
            throw error(source, weightsOffset, "weights section checksum mismatch (stored " + hex(weightsCrc)
                    + ", computed " + hex(weights) + "): the file is corrupt");
        }
    }

    private static ModelFormatException error(String source, long offset, String message) {
        return new ModelFormatException(source + ": byte " + offset + " (header): " + message);
    }

    private static String hex(int v) {
        return String.format("0x%08x", v);
    }
}
