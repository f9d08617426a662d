package io.jdeepface.engine.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds model files by hand for the hostile-file tests: any structure bytes, wrapped in a header
 * whose checksums are all valid, so the reader's structural checks are what gets tested.
 */
final class CraftedFile {
    private CraftedFile() {}

    static byte[] assemble(byte[] structure, byte[] weights) {
        return assemble(FormatVersion.CURRENT, ModelFormat.HEADER_SIZE, structure, weights);
    }

    /** A file with the given version and header length (the header CRC in its last 4 bytes). */
    static byte[] assemble(FormatVersion version, int headerLength, byte[] structure, byte[] weights) {
        long weightsOffset = ModelFormat.align(headerLength + (long) structure.length);
        byte[] file = new byte[Math.toIntExact(weightsOffset + weights.length)];
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, ModelFormat.MAGIC);
        b.putShort(ModelFormat.MAJOR_AT, (short) version.major());
        b.putShort(ModelFormat.MINOR_AT, (short) version.minor());
        b.putInt(ModelFormat.HEADER_LENGTH_AT, headerLength);
        b.putLong(ModelFormat.FILE_LENGTH_AT, file.length);
        b.putLong(ModelFormat.STRUCTURE_LENGTH_AT, structure.length);
        b.putLong(ModelFormat.WEIGHTS_OFFSET_AT, weightsOffset);
        b.putLong(ModelFormat.WEIGHTS_LENGTH_AT, weights.length);
        b.put(headerLength, structure);
        b.put((int) weightsOffset, weights);
        return repair(file);
    }

    /**
     * Recomputes the three CRCs from whatever the header fields say (clamped to the file), so that a
     * mutated file passes the checksums and reaches the structural checks.
     */
    static byte[] repair(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = b.getInt(ModelFormat.HEADER_LENGTH_AT);
        if (headerLength < ModelFormat.HEADER_SIZE || headerLength > file.length) {
            headerLength = ModelFormat.HEADER_SIZE;
        }
        long weightsOffset = b.getLong(ModelFormat.WEIGHTS_OFFSET_AT);
        if (weightsOffset >= headerLength && weightsOffset <= file.length) {
            b.putInt(ModelFormat.STRUCTURE_CRC_AT,
                    crc(file, headerLength, (int) weightsOffset));
            b.putInt(ModelFormat.WEIGHTS_CRC_AT, crc(file, (int) weightsOffset, file.length));
        }
        b.putInt(headerLength - 4, crc(file, 0, headerLength - 4));
        return file;
    }

    static byte[] putLong(byte[] file, int at, long value) {
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putLong(at, value);
        return repair(file);
    }

    static byte[] putInt(byte[] file, int at, int value) {
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
        return repair(file);
    }

    static long getLong(byte[] file, int at) {
        return ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong(at);
    }

    private static int crc(byte[] file, int from, int to) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(file, from, to - from);
        return (int) crc.getValue();
    }
}
