package io.jdeepface.face.image;

import io.jdeepface.face.errors.CorruptImageException;
import io.jdeepface.face.errors.ImageInputException;
import io.jdeepface.face.errors.UnsupportedImageException;

/**
 * Netpbm gray and colour maps, which ImageIO cannot read: P2 (PGM text), P5 (PGM binary), P3 (PPM
 * text), P6 (PPM binary), with any maxval 1..65535 (two big-endian bytes per binary sample above
 * 255). Samples are scaled to 0..255 as {@code round(v * 255 / maxval)}. A header is magic, width,
 * height and maxval separated by whitespace, with {@code #} comments to the end of a line.
 */
final class PnmDecoder {
    private final byte[] d;
    private final String source;
    private int pos;

    private PnmDecoder(byte[] data, String source) {
        this.d = data;
        this.source = source;
    }

    static Image decode(byte[] data, String source, ImageLimits limits) throws ImageInputException {
        return new PnmDecoder(data, source).decode(limits);
    }

    private Image decode(ImageLimits limits) throws ImageInputException {
        char kind = (char) d[1];
        if (kind == '1' || kind == '4') {
            throw new UnsupportedImageException(source, "unsupported format: PBM bitmap (P" + kind
                    + "); convert to PGM, PNG or JPEG");
        }
        boolean gray = kind == '2' || kind == '5';
        boolean text = kind == '2' || kind == '3';
        pos = 2;
        int width = headerNumber("width");
        int height = headerNumber("height");
        int maxval = headerNumber("maxval");
        if (width == 0 || height == 0) {
            throw corrupt("PGM/PPM header declares an empty " + width + "x" + height + " image");
        }
        if (maxval == 0 || maxval > 65535) {
            throw corrupt("PGM/PPM maxval " + maxval + " is outside 1..65535");
        }
        ImageDecoder.checkDimensions(source, width, height, limits);
        int channels = gray ? 1 : 3;
        int samples = width * height * channels;
        int[] scale = new int[maxval + 1];
        for (int v = 0; v <= maxval; v++) {
            scale[v] = (int) ((v * 255L + maxval / 2) / maxval);
        }
        byte[] rgb = new byte[width * height * 3];
        if (text) {
            for (int i = 0; i < samples; i++) {
                store(rgb, i, gray, scale[sample(textNumber(i, samples), maxval)]);
            }
        } else {
            pos++; // exactly one whitespace byte separates the header from binary data
            int bytesPerSample = maxval < 256 ? 1 : 2;
            long needed = (long) samples * bytesPerSample;
            if (d.length - (long) pos < needed) {
                throw corrupt("truncated PGM/PPM: " + width + "x" + height + " needs " + needed
                        + " bytes of pixel data, the file has " + Math.max(0, d.length - pos));
            }
            for (int i = 0; i < samples; i++) {
                int v = bytesPerSample == 1 ? d[pos++] & 0xFF : (d[pos++] & 0xFF) << 8 | (d[pos++] & 0xFF);
                store(rgb, i, gray, scale[sample(v, maxval)]);
            }
        }
        return new Image(width, height, rgb, source);
    }

    private static void store(byte[] rgb, int sampleIndex, boolean gray, int value) {
        if (gray) {
            int at = sampleIndex * 3;
            rgb[at] = rgb[at + 1] = rgb[at + 2] = (byte) value;
        } else {
            rgb[sampleIndex] = (byte) value;
        }
    }

    private int sample(int v, int maxval) throws CorruptImageException {
        if (v > maxval) {
            throw corrupt("PGM/PPM sample " + v + " exceeds maxval " + maxval);
        }
        return v;
    }

    /** A header field: skips whitespace and comments, then reads a decimal number. */
    private int headerNumber(String what) throws CorruptImageException {
        skipSpaceAndComments();
        int v = digits();
        if (v < 0) {
            throw corrupt("PGM/PPM header: expected the " + what + " at byte " + pos
                    + (pos < d.length ? "" : " (file ends there)"));
        }
        if (pos < d.length && !ImageFormat.isPnmSpace(d[pos])) {
            throw corrupt("PGM/PPM header: unexpected byte 0x" + Integer.toHexString(d[pos] & 0xFF)
                    + " after the " + what + " at byte " + pos);
        }
        if (pos >= d.length) {
            throw corrupt("truncated PGM/PPM: the file ends in the header");
        }
        return v;
    }

    private int textNumber(int index, int total) throws CorruptImageException {
        skipSpaceAndComments();
        int v = digits();
        if (v < 0) {
            throw corrupt(pos >= d.length
                    ? "truncated PGM/PPM: the file ends after " + index + " of " + total + " samples"
                    : "PGM/PPM: sample " + index + " at byte " + pos + " is not a number");
        }
        return v;
    }

    private void skipSpaceAndComments() {
        while (pos < d.length) {
            if (d[pos] == '#') {
                while (pos < d.length && d[pos] != '\n' && d[pos] != '\r') {
                    pos++;
                }
            } else if (ImageFormat.isPnmSpace(d[pos])) {
                pos++;
            } else {
                return;
            }
        }
    }

    /** A decimal number of at most 9 digits at pos, or -1 when there are no digits. */
    private int digits() throws CorruptImageException {
        int start = pos;
        long v = 0;
        while (pos < d.length && d[pos] >= '0' && d[pos] <= '9') {
            v = v * 10 + (d[pos++] - '0');
            if (pos - start > 9) {
                throw corrupt("PGM/PPM: number at byte " + start + " is too long");
            }
        }
        return pos == start ? -1 : (int) v;
    }

    private CorruptImageException corrupt(String message) {
        return new CorruptImageException(source, message);
    }
}
