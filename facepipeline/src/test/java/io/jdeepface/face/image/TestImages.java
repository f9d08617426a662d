package io.jdeepface.face.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/** Deterministic test pictures and small byte-level helpers for the image tests. */
final class TestImages {
    private TestImages() {
    }

    /** An image whose every sample is pseudo-random but reproducible. */
    static Image random(int width, int height, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] rgb = new byte[width * height * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) rnd.nextInt(256);
        }
        return Image.ofRgb(width, height, rgb, "random " + width + "x" + height);
    }

    /** A smooth gradient: JPEG keeps it within a few levels. */
    static Image gradient(int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                rgb[i] = (byte) (x * 255 / Math.max(1, width - 1));
                rgb[i + 1] = (byte) (y * 255 / Math.max(1, height - 1));
                rgb[i + 2] = (byte) 128;
            }
        }
        return Image.ofRgb(width, height, rgb, "gradient");
    }

    /** Four solid quadrants: red top-left, green top-right, blue bottom-left, white bottom-right. */
    static Image quadrants(int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int c = QUADRANT_COLOURS[(y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1)];
                int i = (y * width + x) * 3;
                rgb[i] = (byte) (c >> 16);
                rgb[i + 1] = (byte) (c >> 8);
                rgb[i + 2] = (byte) c;
            }
        }
        return Image.ofRgb(width, height, rgb, "quadrants");
    }

    static final int[] QUADRANT_COLOURS = {0xFF0000, 0x00FF00, 0x0000FF, 0xFFFFFF};

    static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format + " and " + image);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The closest of {@code colours} to {@code rgb} (for lossy JPEG checks). */
    static int nearest(int rgb, int... colours) {
        int best = colours[0];
        long bestDistance = Long.MAX_VALUE;
        for (int c : colours) {
            long d = 0;
            for (int shift = 0; shift <= 16; shift += 8) {
                long diff = ((rgb >> shift) & 0xFF) - ((c >> shift) & 0xFF);
                d += diff * diff;
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    static int maxAbsDifference(Image a, Image b) {
        byte[] x = a.toRgbBytes();
        byte[] y = b.toRgbBytes();
        if (x.length != y.length) {
            throw new IllegalArgumentException("sizes differ: " + a + " vs " + b);
        }
        int max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs((x[i] & 0xFF) - (y[i] & 0xFF)));
        }
        return max;
    }

    static double meanAbsDifference(Image a, Image b) {
        byte[] x = a.toRgbBytes();
        byte[] y = b.toRgbBytes();
        long sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += Math.abs((x[i] & 0xFF) - (y[i] & 0xFF));
        }
        return (double) sum / x.length;
    }
}
