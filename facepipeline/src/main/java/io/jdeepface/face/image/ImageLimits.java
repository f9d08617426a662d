package io.jdeepface.face.image;

/**
 * Limits that {@link ImageDecoder} enforces before it allocates pixels, so that a hostile file
 * (a "decompression bomb": a few KB declaring 30000×30000 pixels) is refused from its header.
 *
 * @param maxBytes  largest encoded input accepted, in bytes
 * @param maxPixels largest width × height accepted
 * @param maxSide   largest width or height accepted
 */
public record ImageLimits(long maxBytes, long maxPixels, int maxSide) {
    /** 128 MiB of input, 50 megapixels, 20000 pixels per side: every real camera photo fits. */
    public static final ImageLimits DEFAULT = new ImageLimits(128L << 20, 50_000_000L, 20_000);

    public ImageLimits {
        if (maxBytes <= 0 || maxPixels <= 0 || maxSide <= 0) {
            throw new IllegalArgumentException("image limits must be positive: " + maxBytes + " bytes, "
                    + maxPixels + " pixels, " + maxSide + " per side");
        }
        // An Image holds width*height*3 bytes in one array.
        if (maxPixels > Integer.MAX_VALUE / 3) {
            throw new IllegalArgumentException("maxPixels " + maxPixels + " exceeds what one image can hold ("
                    + Integer.MAX_VALUE / 3 + ")");
        }
    }

    public ImageLimits withMaxBytes(long bytes) {
        return new ImageLimits(bytes, maxPixels, maxSide);
    }

    public ImageLimits withMaxPixels(long pixels) {
        return new ImageLimits(maxBytes, pixels, maxSide);
    }

    public ImageLimits withMaxSide(int side) {
        return new ImageLimits(maxBytes, maxPixels, side);
    }
}
