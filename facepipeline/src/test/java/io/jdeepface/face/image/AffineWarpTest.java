package io.jdeepface.face.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Affine warping: identity, exact quarter turns, translations and the black border. */
class AffineWarpTest {

    @Test
    void identityCopiesAndCanCropOrPad() {
        Image src = TestImages.random(13, 9, 1);
        assertEquals(src, src.warpAffine(AffineMatrix.IDENTITY, 13, 9));
        assertEquals(src.crop(0, 0, 5, 4), src.warpAffine(AffineMatrix.IDENTITY, 5, 4));
        Image padded = src.warpAffine(AffineMatrix.IDENTITY, 15, 10);
        assertEquals(src.rgb(12, 8), padded.rgb(12, 8));
        assertEquals(0, padded.rgb(14, 9));
    }

    @Test
    void quarterTurnAboutTheCentreIsExact() {
        Image src = TestImages.random(11, 11, 2);
        // OpenCV's getRotationMatrix2D((5, 5), 90, 1): counter-clockwise on screen, like EXIF orientation 8.
        Image turned = src.warpAffine(AffineMatrix.rotation(5, 5, 90, 1), 11, 11);
        assertEquals(ExifOrientation.apply(src, 8), turned);
        Image back = turned.warpAffine(AffineMatrix.rotation(5, 5, -90, 1), 11, 11);
        assertEquals(src, back);
    }

    @Test
    void halfPixelShiftAveragesNeighboursAndFadesIntoTheBlackBorder() {
        byte[] row = {100, 100, 100, (byte) 200, (byte) 200, (byte) 200, 50, 50, 50};
        Image src = Image.ofRgb(3, 1, row, "row");
        Image shifted = src.warpAffine(AffineMatrix.of(1, 0, 0.5, 0, 1, 0), 4, 1);
        // Output x samples source x - 0.5.
        assertEquals(50, shifted.sample(0, 0, 0)); // half of pixel 0, half border
        assertEquals(150, shifted.sample(1, 0, 1));
        assertEquals(125, shifted.sample(2, 0, 2));
        assertEquals(25, shifted.sample(3, 0, 0)); // half of pixel 2, half border
    }

    @Test
    void matchesANaiveReferenceForAGeneralSimilarityTransform() {
        Image src = TestImages.random(40, 30, 3);
        AffineMatrix m = AffineMatrix.rotation(20, 15, 33, 0.7).inverse();
        Image actual = src.warpAffine(m, 37, 41);
        AffineMatrix inv = m.inverse();
        for (int y = 0; y < 41; y++) {
            for (int x = 0; x < 37; x++) {
                double sx = inv.mapX(x, y);
                double sy = inv.mapY(x, y);
                for (int c = 0; c < 3; c++) {
                    double expected = bilinearWithBlackBorder(src, sx, sy, c);
                    assertTrue(Math.abs(expected - actual.sample(x, y, c)) <= 1.0,
                            "at " + x + "," + y + ": " + expected + " vs " + actual.sample(x, y, c));
                }
            }
        }
    }

    @Test
    void matrixInverseAndValidation() {
        AffineMatrix m = AffineMatrix.of(2, 0.5, 3, -1, 1.5, 7);
        AffineMatrix id = compose(m.inverse(), m);
        double[] e = id.toArray();
        double[] expected = AffineMatrix.IDENTITY.toArray();
        for (int i = 0; i < 6; i++) {
            assertEquals(expected[i], e[i], 1e-12);
        }
        assertThrows(IllegalArgumentException.class, () -> AffineMatrix.of(1, 2, 0, 2, 4, 0).inverse());
        assertThrows(IllegalArgumentException.class, () -> AffineMatrix.of(1, 0, Double.NaN, 0, 1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> TestImages.random(2, 2, 1).warpAffine(AffineMatrix.IDENTITY, 0, 5));
    }

    private static AffineMatrix compose(AffineMatrix second, AffineMatrix first) {
        return new AffineMatrix(
                second.a() * first.a() + second.b() * first.d(), second.a() * first.b() + second.b() * first.e(),
                second.a() * first.c() + second.b() * first.f() + second.c(),
                second.d() * first.a() + second.e() * first.d(), second.d() * first.b() + second.e() * first.e(),
                second.d() * first.c() + second.e() * first.f() + second.f());
    }

    private static double bilinearWithBlackBorder(Image src, double sx, double sy, int c) {
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        double fx = sx - x0;
        double fy = sy - y0;
        return sampleOrZero(src, x0, y0, c) * (1 - fx) * (1 - fy) + sampleOrZero(src, x0 + 1, y0, c) * fx * (1 - fy)
                + sampleOrZero(src, x0, y0 + 1, c) * (1 - fx) * fy + sampleOrZero(src, x0 + 1, y0 + 1, c) * fx * fy;
    }

    private static int sampleOrZero(Image src, int x, int y, int c) {
        return x < 0 || y < 0 || x >= src.width() || y >= src.height() ? 0 : src.sample(x, y, c);
    }
}
