package io.jdeepface.face.image;

/** The resampling behind {@link Image#resize}: bilinear and area averaging, separable. */
final class Resize {
    private Resize() {
    }

    static Image resize(Image src, int outWidth, int outHeight, Interpolation interpolation) {
        if (outWidth <= 0 || outHeight <= 0) {
            throw new IllegalArgumentException("resize target must be positive, got " + outWidth + "x" + outHeight);
        }
        if ((long) outWidth * outHeight > Integer.MAX_VALUE / 3) {
            throw new IllegalArgumentException("resize target " + outWidth + "x" + outHeight + " is too large");
        }
        if (outWidth == src.width() && outHeight == src.height()) {
            return src;
        }
        boolean shrinking = outWidth <= src.width() && outHeight <= src.height();
        return interpolation == Interpolation.AREA && shrinking
                ? area(src, outWidth, outHeight)
                : bilinear(src, outWidth, outHeight);
    }

    /** For each output coordinate: the left/top source index and the weight of the next one. */
    private record Taps(int[] first, float[] nextWeight, int[] next) {
        static Taps of(int srcSize, int dstSize) {
            double scale = (double) srcSize / dstSize;
            int[] first = new int[dstSize];
            int[] next = new int[dstSize];
            float[] weight = new float[dstSize];
            for (int d = 0; d < dstSize; d++) {
                double s = (d + 0.5) * scale - 0.5; // half-pixel centres, as OpenCV
                int i = (int) Math.floor(s);
                double f = s - i;
                if (i < 0) {
                    i = 0;
                    f = 0;
                }
                if (i >= srcSize - 1) {
                    i = srcSize - 1;
                    f = 0;
                }
                first[d] = i;
                next[d] = Math.min(i + 1, srcSize - 1);
                weight[d] = (float) f;
            }
            return new Taps(first, weight, next);
        }
    }

    static Image bilinear(Image src, int outWidth, int outHeight) {
        int sw = src.width();
        byte[] in = src.rgb;
        byte[] out = new byte[outWidth * outHeight * 3];
        Taps xs = Taps.of(sw, outWidth);
        Taps ys = Taps.of(src.height(), outHeight);
        for (int y = 0; y < outHeight; y++) {
            int row0 = ys.first[y] * sw * 3;
            int row1 = ys.next[y] * sw * 3;
            float fy = ys.nextWeight[y];
            int o = y * outWidth * 3;
            for (int x = 0; x < outWidth; x++) {
                int c0 = xs.first[x] * 3;
                int c1 = xs.next[x] * 3;
                float fx = xs.nextWeight[x];
                for (int c = 0; c < 3; c++) {
                    float top = (in[row0 + c0 + c] & 0xFF) * (1 - fx) + (in[row0 + c1 + c] & 0xFF) * fx;
                    float bottom = (in[row1 + c0 + c] & 0xFF) * (1 - fx) + (in[row1 + c1 + c] & 0xFF) * fx;
                    out[o++] = toByte(top * (1 - fy) + bottom * fy);
                }
            }
        }
        return new Image(outWidth, outHeight, out, src.source());
    }

    /**
     * Area averaging for shrinking. Output pixel {@code d} covers source interval
     * {@code [d * scale, (d + 1) * scale)}; a source pixel contributes the length of its overlap
     * with that interval, divided by {@code scale}. Since {@code scale >= 1}, each source pixel
     * overlaps at most two output pixels per axis.
     */
    static Image area(Image src, int outWidth, int outHeight) {
        int sw = src.width();
        int sh = src.height();
        byte[] in = src.rgb;
        Coverage xs = Coverage.of(sw, outWidth);
        Coverage ys = Coverage.of(sh, outHeight);
        float[] sum = new float[outWidth * outHeight * 3];
        float[] row = new float[outWidth * 3];
        for (int sy = 0; sy < sh; sy++) {
            java.util.Arrays.fill(row, 0f);
            int base = sy * sw * 3;
            for (int sx = 0; sx < sw; sx++) {
                int i = base + sx * 3;
                addWeighted(row, xs.first[sx] * 3, xs.firstWeight[sx], in, i);
                if (xs.secondWeight[sx] > 0) {
                    addWeighted(row, (xs.first[sx] + 1) * 3, xs.secondWeight[sx], in, i);
                }
            }
            accumulate(sum, ys.first[sy] * outWidth * 3, ys.firstWeight[sy], row);
            if (ys.secondWeight[sy] > 0) {
                accumulate(sum, (ys.first[sy] + 1) * outWidth * 3, ys.secondWeight[sy], row);
            }
        }
        byte[] out = new byte[sum.length];
        for (int i = 0; i < sum.length; i++) {
            out[i] = toByte(sum[i]);
        }
        return new Image(outWidth, outHeight, out, src.source());
    }

    /** For each source index: the first output it falls in, and its weight there and in the next one. */
    private record Coverage(int[] first, float[] firstWeight, float[] secondWeight) {
        static Coverage of(int srcSize, int dstSize) {
            double scale = (double) srcSize / dstSize;
            int[] first = new int[srcSize];
            float[] w1 = new float[srcSize];
            float[] w2 = new float[srcSize];
            for (int s = 0; s < srcSize; s++) {
                int d = Math.min((int) Math.floor(s / scale), dstSize - 1);
                double boundary = (d + 1) * scale; // where output pixel d ends, in source units
                double inFirst = Math.clamp(Math.min(s + 1, boundary) - s, 0.0, 1.0);
                first[s] = d;
                if (inFirst >= 1 - 1e-9 || d == dstSize - 1) {
                    w1[s] = (float) (1 / scale);
                } else {
                    w1[s] = (float) (inFirst / scale);
                    w2[s] = (float) ((1 - inFirst) / scale);
                }
            }
            return new Coverage(first, w1, w2);
        }
    }

    private static void addWeighted(float[] dst, int at, float w, byte[] src, int from) {
        dst[at] += (src[from] & 0xFF) * w;
        dst[at + 1] += (src[from + 1] & 0xFF) * w;
        dst[at + 2] += (src[from + 2] & 0xFF) * w;
    }

    private static void accumulate(float[] dst, int at, float w, float[] row) {
        for (int i = 0; i < row.length; i++) {
            dst[at + i] += row[i] * w;
        }
    }

    /** Round half up and saturate, as OpenCV's {@code saturate_cast<uchar>}. */
    static byte toByte(float v) {
        int i = (int) Math.floor(v + 0.5f);
        return (byte) (i < 0 ? 0 : Math.min(i, 255));
    }
}
