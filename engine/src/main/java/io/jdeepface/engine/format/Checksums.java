package io.jdeepface.engine.format;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * CRC32C over regions of a segment. CRC32C (Castagnoli) has a CPU instruction on x86 and ARM, so the
 * JDK checks hundreds of megabytes of weights in a fraction of a second.
 */
final class Checksums {
    private Checksums() {}

    private static final int CHUNK = 1 << 20;
    private static final int HEAP_CHUNK = 1 << 16;

    static int crc32c(MemorySegment segment, long offset, long length) {
        CRC32C crc = new CRC32C();
        update(crc, segment.asSlice(offset, length));
        return (int) crc.getValue();
    }

    static void update(CRC32C crc, MemorySegment region) {
        long size = region.byteSize();
        if (region.isNative()) {
            // Native and mapped memory: the JDK reads it in place through a direct buffer.
            for (long at = 0; at < size; at += CHUNK) {
                crc.update(region.asSlice(at, Math.min(CHUNK, size - at)).asByteBuffer());
            }
            return;
        }
        // Heap segments may wrap any primitive array; copy through a byte[] to treat them all alike.
        byte[] buffer = new byte[(int) Math.min(HEAP_CHUNK, size)];
        for (long at = 0; at < size; at += HEAP_CHUNK) {
            int n = (int) Math.min(HEAP_CHUNK, size - at);
            MemorySegment.copy(region, ValueLayout.JAVA_BYTE, at, buffer, 0, n);
            crc.update(buffer, 0, n);
        }
    }

    static int crc32c(ByteBuffer buffer) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate());
        return (int) crc.getValue();
    }
}
