package io.jdeepface.engine.format;

import java.util.Arrays;

/** A growable byte array that appends little-endian numbers; the writer builds the structure in it. */
final class LittleEndianBuffer {
    private byte[] bytes = new byte[4096];
    private int size;

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    void u8(int v) {
        ensure(1);
        bytes[size++] = (byte) v;
    }

    void i32(int v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            bytes[size++] = (byte) (v >>> (8 * i));
        }
    }

    void i64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            bytes[size++] = (byte) (v >>> (8 * i));
        }
    }

    void f32(float v) {
        i32(Float.floatToRawIntBits(v));
    }

    void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    private void ensure(int more) {
        if (bytes.length - size < more) {
            // The structure is capped at 64 MiB, far below the array limit.
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
