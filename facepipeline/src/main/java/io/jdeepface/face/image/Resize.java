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
     *
     * <p>Vertical pass first: each output row is a weighted sum of whole source rows, a straight
     * loop over contiguous bytes; source rows lying wholly inside one output row (all of them for an
     * integer scale) are summed as integers ({@link ByteRowSum}) and weighted once.
     * The irregular horizontal pass then runs only on the {@code outHeight} summed rows.
     */
    static Image area(Image src, int outWidth, int outHeight) {
        int sw = src.width();
        int sh = src.height();
        int rowLength = sw * 3;
        byte[] in = src.rgb;
        Coverage xs = Coverage.of(sw, outWidth);
        Coverage ys = Coverage.of(sh, outHeight);
        float fullRowWeight = (float) (1 / ((double) sh / outHeight)); // bit-identical to Coverage's weight
        byte[] out = new byte[outWidth * outHeight * 3];
        // The output row being summed (whole rows in wholeRows, partial ones in partialRows), and
        // the share of a straddling source row that belongs to the next output row.
        ByteRowSum wholeRows = new ByteRowSum(rowLength);
        float[] partialRows = new float[rowLength];
        float[] nextRows = new float[rowLength];
        float[] columns = new float[rowLength]; // the vertical sums, as floats
        float[] outRow = new float[outWidth * 3];
        int dy = 0;
        for (int sy = 0; sy < sh; sy++) {
            while (ys.first[sy] > dy) {
                emitRow(wholeRows, partialRows, fullRowWeight, columns, xs, outRow, out, dy * outWidth * 3);
                wholeRows.clear();
                float[] t = partialRows;
                partialRows = nextRows;
                nextRows = t;
                java.util.Arrays.fill(nextRows, 0f);
                dy++;
            }
            int base = sy * rowLength;
            if (ys.secondWeight[sy] == 0 && ys.firstWeight[sy] == fullRowWeight) {
                wholeRows.add(in, base);
            } else {
                float w1 = ys.firstWeight[sy];
                float w2 = ys.secondWeight[sy];
                for (int i = 0; i < rowLength; i++) {
                    float v = in[base + i] & 0xFF;
                    partialRows[i] += v * w1;
                    nextRows[i] += v * w2;
                }
            }
        }
        emitRow(wholeRows, partialRows, fullRowWeight, columns, xs, outRow, out, dy * outWidth * 3);
        return new Image(outWidth, outHeight, out, src.source());
    }

    /** The horizontal pass over one vertically summed row, rounded into {@code out} at {@code at}. */
    private static void emitRow(ByteRowSum wholeRows, float[] partialRows, float fullRowWeight, float[] columns,
                                Coverage xs, float[] outRow, byte[] out, int at) {
        int[] whole = wholeRows.totals();
        for (int i = 0; i < columns.length; i++) {
            columns[i] = whole[i] * fullRowWeight + partialRows[i];
        }
        java.util.Arrays.fill(outRow, 0f);
        for (int sx = 0, i = 0; i < columns.length; sx++, i += 3) {
            int o = xs.first[sx] * 3;
            float w1 = xs.firstWeight[sx];
            outRow[o] += columns[i] * w1;
            outRow[o + 1] += columns[i + 1] * w1;
            outRow[o + 2] += columns[i + 2] * w1;
            float w2 = xs.secondWeight[sx];
            if (w2 > 0) {
                outRow[o + 3] += columns[i] * w2;
                outRow[o + 4] += columns[i + 1] * w2;
                outRow[o + 5] += columns[i + 2] * w2;
            }
        }
        for (int i = 0; i < outRow.length; i++) {
            out[at + i] = toByte(outRow[i]);
        }
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

    /** Round half up and saturate, as OpenCV's {@code saturate_cast<uchar>}. */
    static byte toByte(float v) {
        int i = (int) Math.floor(v + 0.5f);
        return (byte) (i < 0 ? 0 : Math.min(i, 255));
    }
}
