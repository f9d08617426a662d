package io.jdeepface.face.image;

import java.nio.charset.StandardCharsets;

/** Hand-made byte sequences for formats ImageIO cannot write (PNG bomb headers: {@code HandMadeImages}). */
final class FormatsBytes {
    private FormatsBytes() {
    }

    /** The start of an ISO base media file whose major brand is {@code brand}. */
    static byte[] isoBox(String brand) {
        byte[] b = new byte[32];
        b[3] = 24;
        System.arraycopy(("ftyp" + brand).getBytes(StandardCharsets.US_ASCII), 0, b, 4, 8);
        return b;
    }
}
