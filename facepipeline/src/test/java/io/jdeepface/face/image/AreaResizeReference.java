package io.jdeepface.face.image;

/**
 * The first implementation of {@link Resize#area}, kept verbatim as the reference for the faster
 * one: source-row-major, each source pixel added with its horizontal weights into a float row,
 * each row then added with its vertical weights.
 */
final class AreaResizeReference {
    private AreaResizeReference() {
    }

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
            out[i] = Resize.toByte(sum[i]);
        }
        return new Image(outWidth, outHeight, out, src.source());
    }

    private record Coverage(int[] first, float[] firstWeight, float[] secondWeight) {
        static Coverage of(int srcSize, int dstSize) {
            double scale = (double) srcSize / dstSize;
            int[] first = new int[srcSize];
            float[] w1 = new float[srcSize];
            float[] w2 = new float[srcSize];
            for (int s = 0; s < srcSize; s++) {
                int d = Math.min((int) Math.floor(s / scale), dstSize - 1);
                double boundary = (d + 1) * scale;
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
}
