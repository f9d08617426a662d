package io.jdeepface.face.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Resizing agrees with straightforward double-precision reference implementations. */
class ResizeTest {

    @ParameterizedTest
    @CsvSource({"37,23,50,31", "37,23,13,7", "37,23,1,1", "5,3,97,41", "1,9,4,2", "64,48,64,17"})
    void bilinearMatchesANaiveReference(int sw, int sh, int dw, int dh) {
        Image src = TestImages.random(sw, sh, sw * 1000L + dw);
        Image actual = src.resize(dw, dh, Interpolation.BILINEAR);
        assertRoundedFrom(naiveBilinear(src, dw, dh), actual);
    }

    @Test
    void bilinearUsesHalfPixelCentresLikeOpenCv() {
        // [0, 255] doubled: OpenCV's cv2.resize gives [0, 64, 191, 255].
        Image two = Image.ofRgb(2, 1, new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255}, "t");
        Image four = two.resize(4, 1, Interpolation.BILINEAR);
        assertArrayEquals(new int[] {0, 64, 191, 255},
                new int[] {four.sample(0, 0, 0), four.sample(1, 0, 1), four.sample(2, 0, 2), four.sample(3, 0, 0)});
        // Halving averages neighbour pairs exactly (source positions 0.5, 2.5).
        Image row = Image.ofRgb(4, 1, new byte[] {10, 10, 10, 20, 20, 20, 30, 30, 30, 41, 41, 41}, "t");
        Image half = row.resize(2, 1, Interpolation.BILINEAR);
        assertEquals(15, half.sample(0, 0, 0));
        assertEquals(36, half.sample(1, 0, 0)); // 35.5 rounds up
    }

    @ParameterizedTest
    @CsvSource({"40,30,10,10", "37,23,13,7", "100,51,33,50", "9,9,1,1", "64,48,63,47"})
    void areaMatchesANaiveReference(int sw, int sh, int dw, int dh) {
        Image src = TestImages.random(sw, sh, sw * 7L + dh);
        Image actual = src.resize(dw, dh, Interpolation.AREA);
        assertRoundedFrom(naiveArea(src, dw, dh), actual);
    }

    @Test
    void areaWithAnIntegerFactorIsTheBlockMean() {
        Image src = TestImages.random(12, 8, 3);
        Image small = src.resize(3, 2, Interpolation.AREA);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                for (int c = 0; c < 3; c++) {
                    int sum = 0;
                    for (int dy = 0; dy < 4; dy++) {
                        for (int dx = 0; dx < 4; dx++) {
                            sum += src.sample(x * 4 + dx, y * 4 + dy, c);
                        }
                    }
                    assertEquals(Math.floor(sum / 16.0 + 0.5), small.sample(x, y, c), 0.0);
                }
            }
        }
    }

    @Test
    void areaFallsBackToBilinearWhenGrowing() {
        Image src = TestImages.random(10, 10, 4);
        assertEquals(src.resize(20, 8, Interpolation.BILINEAR), src.resize(20, 8, Interpolation.AREA));
    }

    @Test
    void sameSizeReturnsTheImageAndConstantsStayConstant() {
        Image src = TestImages.random(10, 10, 5);
        assertSame(src, src.resize(10, 10, Interpolation.BILINEAR));
        byte[] grey = new byte[15 * 11 * 3];
        java.util.Arrays.fill(grey, (byte) 200);
        Image flat = Image.ofRgb(15, 11, grey, "flat");
        for (Interpolation mode : Interpolation.values()) {
            Image r = flat.resize(4, 3, mode);
            for (byte b : r.toRgbBytes()) {
                assertEquals(200, b & 0xFF, mode.toString());
            }
        }
    }

    /** Exact (double) bilinear values, before rounding. */
    static double[] naiveBilinear(Image src, int dw, int dh) {
        double[] out = new double[dw * dh * 3];
        double scaleX = (double) src.width() / dw;
        double scaleY = (double) src.height() / dh;
        for (int y = 0; y < dh; y++) {
            for (int x = 0; x < dw; x++) {
                double sx = Math.clamp((x + 0.5) * scaleX - 0.5, 0, src.width() - 1);
                double sy = Math.clamp((y + 0.5) * scaleY - 0.5, 0, src.height() - 1);
                int x0 = (int) sx;
                int y0 = (int) sy;
                int x1 = Math.min(x0 + 1, src.width() - 1);
                int y1 = Math.min(y0 + 1, src.height() - 1);
                double fx = sx - x0;
                double fy = sy - y0;
                for (int c = 0; c < 3; c++) {
                    double v = src.sample(x0, y0, c) * (1 - fx) * (1 - fy) + src.sample(x1, y0, c) * fx * (1 - fy)
                            + src.sample(x0, y1, c) * (1 - fx) * fy + src.sample(x1, y1, c) * fx * fy;
                    out[(y * dw + x) * 3 + c] = v;
                }
            }
        }
        return out;
    }

    /** Output pixel = integral of the source over its footprint, divided by the footprint's area. */
    static double[] naiveArea(Image src, int dw, int dh) {
        double[] out = new double[dw * dh * 3];
        double scaleX = (double) src.width() / dw;
        double scaleY = (double) src.height() / dh;
        for (int y = 0; y < dh; y++) {
            for (int x = 0; x < dw; x++) {
                double x0 = x * scaleX;
                double x1 = (x + 1) * scaleX;
                double y0 = y * scaleY;
                double y1 = (y + 1) * scaleY;
                for (int c = 0; c < 3; c++) {
                    double sum = 0;
                    for (int sy = (int) y0; sy < Math.min(src.height(), Math.ceil(y1)); sy++) {
                        double wy = Math.min(sy + 1, y1) - Math.max(sy, y0);
                        for (int sx = (int) x0; sx < Math.min(src.width(), Math.ceil(x1)); sx++) {
                            double wx = Math.min(sx + 1, x1) - Math.max(sx, x0);
                            sum += src.sample(sx, sy, c) * wx * wy;
                        }
                    }
                    out[(y * dw + x) * 3 + c] = sum / (scaleX * scaleY);
                }
            }
        }
        return out;
    }

    /**
     * Every sample is the exact value rounded to the nearest integer; where the exact value is
     * within float precision of a tie (x.5, common with rational scales) either neighbour is right.
     */
    private static void assertRoundedFrom(double[] exact, Image actual) {
        byte[] got = actual.toRgbBytes();
        assertEquals(exact.length, got.length);
        for (int i = 0; i < got.length; i++) {
            double error = Math.abs((got[i] & 0xFF) - exact[i]);
            assertTrue(error <= 0.5 + 1e-3, "sample " + i + ": " + (got[i] & 0xFF) + " for exact " + exact[i]);
        }
    }
}
