package io.jdeepface.face.image;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable decoded, upright (EXIF orientation applied) 8-bit RGB image.
 *
 * <p>Pixels are stored as one {@code byte[]} in row-major, interleaved order: the sample of
 * channel {@code c} (0 = red, 1 = green, 2 = blue) at column {@code x}, row {@code y} is at
 * {@code (y * width + x) * 3 + c}, unsigned. This is OpenCV's {@code uint8} HWC layout (in RGB
 * rather than BGR order), which is what DeepFace's preprocessing works on, so resizing and
 * warping here round to bytes where OpenCV does. It is also the cheapest layout: a 12-megapixel
 * photo takes 36 MB (a float layout would take 144 MB), bilinear sampling reads the three
 * channels of a pixel from one cache line, and {@link #toTensor} converts to the float layout a
 * model wants only for the small crops that reach a model.
 *
 * <p>Alpha is dropped (never composited), as OpenCV's {@code imread} does; grayscale is
 * replicated into the three channels.
 */
public final class Image {
    private final int width;
    private final int height;
    /** Interleaved RGB, never exposed: the class is immutable. Package code reads it directly. */
    final byte[] rgb;
    private final String source;

    /** Wraps {@code rgb} without copying; package code only, for arrays no one else holds. */
    Image(int width, int height, byte[] rgb, String source) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (rgb.length != (long) width * height * 3) {
            throw new IllegalArgumentException("a " + width + "x" + height + " RGB image needs "
                    + (long) width * height * 3 + " bytes, got " + rgb.length);
        }
        this.width = width;
        this.height = height;
        this.rgb = rgb;
        this.source = Objects.requireNonNull(source, "source");
    }

    /** An image from interleaved RGB bytes (copied), laid out as described in the class comment. */
    public static Image ofRgb(int width, int height, byte[] rgb, String source) {
        return new Image(width, height, rgb.clone(), source);
    }

    /** An image from a {@link BufferedImage} of any type; see {@link ImageDecoder#fromBufferedImage}. */
    public static Image of(BufferedImage image) {
        return ImageDecoder.fromBufferedImage(image, "BufferedImage");
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Where the image came from: a file path, or a description like "byte[] of 5120 bytes". */
    public String source() {
        return source;
    }

    /** The same pixels with another source description. */
    public Image withSource(String newSource) {
        return new Image(width, height, rgb, newSource);
    }

    /** Channel {@code c} (0 red, 1 green, 2 blue) at ({@code x}, {@code y}), 0..255. */
    public int sample(int x, int y, int c) {
        Objects.checkIndex(x, width);
        Objects.checkIndex(y, height);
        Objects.checkIndex(c, 3);
        return rgb[(y * width + x) * 3 + c] & 0xFF;
    }

    /** The pixel at ({@code x}, {@code y}) packed as {@code 0xRRGGBB}. */
    public int rgb(int x, int y) {
        Objects.checkIndex(x, width);
        Objects.checkIndex(y, height);
        int i = (y * width + x) * 3;
        return (rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | (rgb[i + 2] & 0xFF);
    }

    /** A copy of the interleaved RGB bytes. */
    public byte[] toRgbBytes() {
        return rgb.clone();
    }

    /**
     * The part of this image inside the rectangle, clamped to the image: a face box that sticks
     * out of the frame gives the visible part of it.
     *
     * @throws IllegalArgumentException when the rectangle does not overlap the image at all
     */
    public Image crop(int x, int y, int cropWidth, int cropHeight) {
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = (int) Math.min(width, Math.max(0L, (long) x + Math.max(0, cropWidth)));
        int y1 = (int) Math.min(height, Math.max(0L, (long) y + Math.max(0, cropHeight)));
        if (x1 <= x0 || y1 <= y0) {
            throw new IllegalArgumentException("crop " + cropWidth + "x" + cropHeight + " at (" + x + ", " + y
                    + ") does not overlap the " + width + "x" + height + " image " + source);
        }
        int w = x1 - x0;
        byte[] out = new byte[w * (y1 - y0) * 3];
        for (int row = y0; row < y1; row++) {
            System.arraycopy(rgb, (row * width + x0) * 3, out, (row - y0) * w * 3, w * 3);
        }
        return new Image(w, y1 - y0, out, source);
    }

    /**
     * This image scaled to {@code newWidth × newHeight}. See {@link Interpolation} for which method
     * to choose.
     */
    public Image resize(int newWidth, int newHeight, Interpolation interpolation) {
        return Resize.resize(this, newWidth, newHeight, interpolation);
    }

    /**
     * This image warped by {@code sourceToOutput} into a new {@code outWidth × outHeight} image,
     * like OpenCV's {@code warpAffine(src, M, size)} with bilinear sampling and a constant black
     * border. See {@link AffineWarp}.
     */
    public Image warpAffine(AffineMatrix sourceToOutput, int outWidth, int outHeight) {
        return AffineWarp.warp(this, sourceToOutput, outWidth, outHeight);
    }

    /** The mirror image (left and right swapped). */
    public Image flipHorizontal() {
        byte[] out = new byte[rgb.length];
        for (int y = 0; y < height; y++) {
            int row = y * width * 3;
            for (int x = 0; x < width; x++) {
                int from = row + x * 3;
                int to = row + (width - 1 - x) * 3;
                out[to] = rgb[from];
                out[to + 1] = rgb[from + 1];
                out[to + 2] = rgb[from + 2];
            }
        }
        return new Image(width, height, out, source);
    }

    /**
     * Writes this image as model input into {@code dst} starting at {@code offset} (so a batch is
     * several calls with offsets {@code i * format.size(w, h)}); allocates nothing.
     */
    public void toTensor(TensorFormat format, float[] dst, int offset) {
        format.write(this, dst, offset);
    }

    /** This image as a new model input array. */
    public float[] toTensor(TensorFormat format) {
        float[] dst = new float[format.size(width, height)];
        format.write(this, dst, 0);
        return dst;
    }

    /** A {@link BufferedImage#TYPE_3BYTE_BGR} copy, for display or for writing with ImageIO. */
    public BufferedImage toBufferedImage() {
        return BufferedImages.toBufferedImage(this);
    }

    /** Equal when size and every pixel are equal; the source description is not compared. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Image other && other.width == width && other.height == height
                && Arrays.equals(other.rgb, rgb);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(rgb);
    }

    @Override
    public String toString() {
        return "Image[" + width + "x" + height + " RGB, " + source + "]";
    }
}
