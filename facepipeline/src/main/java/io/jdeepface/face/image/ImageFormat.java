package io.jdeepface.face.image;

import java.nio.charset.StandardCharsets;

/**
 * Image file formats, recognised by their leading "magic" bytes, never by file name: a WebP
 * saved as {@code .jpg} is still a WebP. Some formats are recognised only to give a clear
 * "unsupported" error instead of a vague "not an image".
 */
public enum ImageFormat {
    JPEG("JPEG", true, "jpeg"),
    PNG("PNG", true, "png"),
    GIF("GIF", true, "gif"),
    BMP("BMP", true, "bmp"),
    TIFF("TIFF", true, "tiff"),
    /** Netpbm PGM/PPM (P2, P3, P5, P6), decoded by {@link PnmDecoder}. */
    PNM("PGM/PPM", true, null),
    WEBP("WebP", false, null),
    HEIF("HEIF/HEIC", false, null),
    AVIF("AVIF", false, null);

    private final String displayName;
    private final boolean supported;
    private final String imageIoName;

    ImageFormat(String displayName, boolean supported, String imageIoName) {
        this.displayName = displayName;
        this.supported = supported;
        this.imageIoName = imageIoName;
    }

    public String displayName() {
        return displayName;
    }

    /** Whether {@link ImageDecoder} can decode this format. */
    public boolean supported() {
        return supported;
    }

    /** The {@code javax.imageio} format name of the JDK reader, or null when we decode it ourselves. */
    String imageIoName() {
        return imageIoName;
    }

    /** The format whose signature starts {@code data}, or null when none matches. */
    public static ImageFormat detect(byte[] data) {
        if (startsWith(data, 0, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (startsWith(data, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (startsWith(data, 0, 'G', 'I', 'F', '8') && data.length > 5
                && (data[4] == '7' || data[4] == '9') && data[5] == 'a') {
            return GIF;
        }
        if (startsWith(data, 0, 'B', 'M') && isBmpInfoHeaderSize(data)) {
            return BMP;
        }
        if (startsWith(data, 0, 'I', 'I', 42, 0) || startsWith(data, 0, 'M', 'M', 0, 42)) {
            return TIFF;
        }
        if (data.length > 2 && data[0] == 'P' && "123456".indexOf(data[1]) >= 0 && isPnmSpace(data[2])) {
            return PNM;
        }
        if (startsWith(data, 0, 'R', 'I', 'F', 'F') && startsWith(data, 8, 'W', 'E', 'B', 'P')) {
            return WEBP;
        }
        if (startsWith(data, 4, 'f', 't', 'y', 'p') && data.length >= 12) {
            // ISO base media file: the major brand says which image codec is inside.
            String brand = new String(data, 8, 4, StandardCharsets.ISO_8859_1);
            if (brand.equals("avif") || brand.equals("avis")) {
                return AVIF;
            }
            if (brand.startsWith("hei") || brand.startsWith("hev") || brand.equals("mif1") || brand.equals("msf1")) {
                return HEIF;
            }
        }
        return null;
    }

    /** "BM" alone is common in text; a real BMP has a known DIB header size at offset 14. */
    private static boolean isBmpInfoHeaderSize(byte[] d) {
        if (d.length < 18) {
            return false;
        }
        int size = (d[14] & 0xFF) | (d[15] & 0xFF) << 8 | (d[16] & 0xFF) << 16 | (d[17] & 0xFF) << 24;
        return size == 12 || size == 16 || size == 40 || size == 52 || size == 56 || size == 64
                || size == 108 || size == 124;
    }

    static boolean isPnmSpace(int b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0B || b == 0x0C;
    }

    private static boolean startsWith(byte[] data, int offset, int... signature) {
        if (data.length < offset + signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((data[offset + i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
