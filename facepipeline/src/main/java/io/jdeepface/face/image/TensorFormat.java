package io.jdeepface.face.image;

import java.util.Arrays;

/**
 * How a model wants its input image: layout, channel order and per-channel normalisation
 * {@code value = (pixel - mean[c]) / std[c]} with {@code pixel} in 0..255. Each model adapter
 * keeps its own constant of this type, next to a comment naming where the numbers come from.
 *
 * <p>Examples: ArcFace {@code (p - 127.5) / 128}: {@code of(NCHW, RGB, 127.5f, 128f)};
 * scaling to [0, 1]: {@code of(NHWC, RGB, 0f, 255f)}; ImageNet (given on the [0, 1] scale) becomes
 * mean {@code 255 * {0.485, 0.456, 0.406}}, std {@code 255 * {0.229, 0.224, 0.225}}.
 *
 * @param mean one value per channel (after reordering), on the 0..255 scale
 * @param std  one value per channel, non-zero
 */
public record TensorFormat(TensorLayout layout, ChannelOrder channels, float[] mean, float[] std) {
    public TensorFormat {
        int n = channels.channels();
        if (mean.length != n || std.length != n) {
            throw new IllegalArgumentException(channels + " needs " + n + " mean and std values, got "
                    + mean.length + " and " + std.length);
        }
        mean = mean.clone();
        std = std.clone();
        for (float s : std) {
            if (s == 0 || !Float.isFinite(s)) {
                throw new IllegalArgumentException("std must be finite and non-zero: " + Arrays.toString(std));
            }
        }
    }

    /** The same mean and std for every channel. */
    public static TensorFormat of(TensorLayout layout, ChannelOrder channels, float mean, float std) {
        float[] m = new float[channels.channels()];
        float[] s = new float[channels.channels()];
        Arrays.fill(m, mean);
        Arrays.fill(s, std);
        return new TensorFormat(layout, channels, m, s);
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    /** Number of floats one {@code width × height} image takes. */
    public int size(int width, int height) {
        return Math.multiplyExact(Math.multiplyExact(width, height), channels.channels());
    }

    /** Writes {@code image} into {@code dst[offset ...]} in this format. */
    void write(Image image, float[] dst, int offset) {
        int w = image.width();
        int h = image.height();
        int n = size(w, h);
        if (offset < 0 || offset > dst.length - n) {
            throw new IllegalArgumentException("a " + w + "x" + h + " " + channels + " tensor needs " + n
                    + " floats at offset " + offset + " but the array has " + dst.length);
        }
        int nc = channels.channels();
        int plane = w * h;
        byte[] rgb = image.rgb;
        for (int p = 0; p < plane; p++) {
            int i = p * 3;
            int r = rgb[i] & 0xFF;
            int g = rgb[i + 1] & 0xFF;
            int b = rgb[i + 2] & 0xFF;
            for (int c = 0; c < nc; c++) {
                int v = switch (channels) {
                    case RGB -> c == 0 ? r : c == 1 ? g : b;
                    case BGR -> c == 0 ? b : c == 1 ? g : r;
                    case GRAY -> gray(r, g, b);
                };
                int at = layout == TensorLayout.NCHW ? offset + c * plane + p : offset + p * nc + c;
                dst[at] = (v - mean[c]) / std[c];
            }
        }
    }

    /** OpenCV's RGB→gray: weights 0.299/0.587/0.114 in 14-bit fixed point, rounded. */
    static int gray(int r, int g, int b) {
        return (r * 4899 + g * 9617 + b * 1868 + (1 << 13)) >> 14;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorFormat t && t.layout == layout && t.channels == channels
                && Arrays.equals(t.mean, mean) && Arrays.equals(t.std, std);
    }

    @Override
    public int hashCode() {
        return (layout.hashCode() * 31 + channels.hashCode()) * 31 + Arrays.hashCode(mean) * 7 + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "TensorFormat[" + layout + ", " + channels + ", mean " + Arrays.toString(mean) + ", std "
                + Arrays.toString(std) + "]";
    }
}
