package io.jdeepface.face.image;

/**
 * The EXIF orientation tag (0x0112) and how to apply it. Cameras store pixels as the sensor saw
 * them and record in this tag how to turn them upright; OpenCV's {@code imread} applies it, so
 * DeepFace sees upright faces and so must we.
 *
 * <p>The reader is deliberately small and defensive: it walks JPEG segments up to the first scan,
 * looks for an {@code Exif\0\0} APP1 segment, and reads IFD0 of the TIFF structure inside it
 * (little- or big-endian); a TIFF file is that structure itself. Every offset is checked against
 * the bounds of its segment; anything malformed means "no orientation" (1), never an exception.
 */
final class ExifOrientation {
    private static final System.Logger LOG = System.getLogger(ExifOrientation.class.getName());
    private static final int TAG_ORIENTATION = 0x0112;
    private static final int MAX_JPEG_SEGMENTS = 256;

    private ExifOrientation() {
    }

    /** The orientation 1..8 recorded in a JPEG or TIFF file; 1 (upright) when absent or malformed. */
    static int read(byte[] data, ImageFormat format) {
        return switch (format) {
            case JPEG -> fromJpeg(data);
            case TIFF -> fromTiff(data, 0, data.length);
            default -> 1;
        };
    }

    private static int fromJpeg(byte[] d) {
        int pos = 2; // after SOI
        for (int segment = 0; segment < MAX_JPEG_SEGMENTS && pos + 4 <= d.length; segment++) {
            if ((d[pos] & 0xFF) != 0xFF) {
                return 1; // not at a marker: malformed, give up
            }
            int marker = d[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++; // fill byte
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return 1; // start of scan or end of image: no EXIF before the pixels
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
                pos += 2; // markers without a length
                continue;
            }
            int length = u16(d, pos + 2, false);
            int start = pos + 4;
            int end = pos + 2 + length;
            if (length < 2 || end > d.length) {
                return 1;
            }
            if (marker == 0xE1 && end - start >= 6 && d[start] == 'E' && d[start + 1] == 'x' && d[start + 2] == 'i'
                    && d[start + 3] == 'f' && d[start + 4] == 0 && d[start + 5] == 0) {
                return fromTiff(d, start + 6, end);
            }
            pos = end;
        }
        return 1;
    }

    /** Reads IFD0 of a TIFF structure occupying {@code d[start, end)}; offsets are relative to start. */
    static int fromTiff(byte[] d, int start, int end) {
        if (end - start < 8) {
            return 1;
        }
        boolean little;
        if (d[start] == 'I' && d[start + 1] == 'I') {
            little = true;
        } else if (d[start] == 'M' && d[start + 1] == 'M') {
            little = false;
        } else {
            return malformed("unknown TIFF byte order");
        }
        if (u16(d, start + 2, little) != 42) {
            return malformed("TIFF magic is not 42");
        }
        long ifd = u32(d, start + 4, little);
        if (ifd < 8 || ifd > end - start - 2) {
            return malformed("IFD0 offset " + ifd + " outside the EXIF block");
        }
        int at = start + (int) ifd;
        int count = u16(d, at, little);
        int available = (end - at - 2) / 12;
        for (int i = 0; i < Math.min(count, available); i++) {
            int entry = at + 2 + i * 12;
            if (u16(d, entry, little) != TAG_ORIENTATION) {
                continue;
            }
            int type = u16(d, entry + 2, little);
            // SHORT (3) as the spec says; some writers use LONG (4). The value sits in the entry.
            long value = type == 3 ? u16(d, entry + 8, little) : type == 4 ? u32(d, entry + 8, little) : -1;
            if (value < 1 || value > 8) {
                return malformed("orientation value " + value + " (type " + type + ") is not 1..8");
            }
            return (int) value;
        }
        return 1;
    }

    private static int malformed(String why) {
        LOG.log(System.Logger.Level.DEBUG, "ignoring malformed EXIF: {0}", why);
        return 1;
    }

    private static int u16(byte[] d, int at, boolean little) {
        int b0 = d[at] & 0xFF;
        int b1 = d[at + 1] & 0xFF;
        return little ? b0 | b1 << 8 : b0 << 8 | b1;
    }

    private static long u32(byte[] d, int at, boolean little) {
        long lo = u16(d, at, little);
        long hi = u16(d, at + 2, little);
        return little ? lo | hi << 16 : lo << 16 | hi;
    }

    /**
     * The upright image for a stored image with EXIF {@code orientation}: 2 mirror, 3 rotate 180°,
     * 4 flip vertically, 5 transpose, 6 rotate 90° clockwise, 7 transverse, 8 rotate 90°
     * counter-clockwise. Orientations 5–8 swap width and height.
     */
    static Image apply(Image src, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return src;
        }
        int w = src.width();
        int h = src.height();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        byte[] in = src.rgb;
        byte[] out = new byte[in.length];
        int o = 0;
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++, o += 3) {
                // (sx, sy): the stored pixel that appears at (x, y) when the image is upright.
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; } // 8
                }
                int i = (sy * w + sx) * 3;
                out[o] = in[i];
                out[o + 1] = in[i + 1];
                out[o + 2] = in[i + 2];
            }
        }
        return new Image(ow, oh, out, src.source());
    }
}
