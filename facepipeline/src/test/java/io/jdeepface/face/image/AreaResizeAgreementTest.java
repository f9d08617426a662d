package io.jdeepface.face.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fast {@link Resize#area} (vertical pass first, whole rows summed as integers) gives the same
 * pixels as the original implementation ({@link AreaResizeReference}) within one grey level: only
 * the order of float additions differs, which can move a value across a rounding boundary.
 */
class AreaResizeAgreementTest {

    @ParameterizedTest
    @CsvSource({
        "1920,1280,320,213", // a photo for the detector: non-integer scale in y
        "1920,1280,320,240", "1279,853,320,213", "1000,1000,250,250", // integer scale 4
        "997,631,3,2", "641,479,640,478", "5,2000,5,1", "9,777,2,1", "7,1031,1,17", "1031,7,17,1", "13,11,13,5", "300,200,299,1"})
    void awkwardSizesAgreeWithinOneGreyLevel(int sw, int sh, int dw, int dh) {
        assertAgrees(TestImages.random(sw, sh, 31L * sw + sh), dw, dh);
    }

    @Property(tries = 200)
    void randomSizesAgreeWithinOneGreyLevel(@ForAll @IntRange(min = 1, max = 97) int sw,
                                            @ForAll @IntRange(min = 1, max = 97) int sh,
                                            @ForAll @IntRange(min = 1, max = 97) int dw,
                                            @ForAll @IntRange(min = 1, max = 97) int dh,
                                            @ForAll long seed) {
        int w = Math.min(dw, sw);
        int h = Math.min(dh, sh);
        assertAgrees(TestImages.random(sw, sh, seed), w, h);
    }

    @ParameterizedTest
    @CsvSource({"64,48,16,12", "90,60,30,20", "37,23,37,1", "11,1500,3,1"})
    void flatImagesStayExactlyFlat(int sw, int sh, int dw, int dh) {
        byte[] rgb = new byte[sw * sh * 3];
        java.util.Arrays.fill(rgb, (byte) 255);
        Image out = Resize.area(Image.ofRgb(sw, sh, rgb, "flat"), dw, dh);
        for (byte b : out.rgb) {
            assertEquals(255, b & 0xFF);
        }
    }

    private static void assertAgrees(Image src, int dw, int dh) {
        Image expected = AreaResizeReference.area(src, dw, dh);
        Image actual = Resize.area(src, dw, dh);
        assertEquals(expected.width(), actual.width());
        assertEquals(expected.height(), actual.height());
        for (int i = 0; i < expected.rgb.length; i++) {
            int e = expected.rgb[i] & 0xFF;
            int a = actual.rgb[i] & 0xFF;
            if (Math.abs(e - a) > 1) {
                int pixel = i / 3;
                fail(src.width() + "x" + src.height() + " -> " + dw + "x" + dh + ": pixel (" + pixel % dw + ", "
                        + pixel / dw + ") channel " + i % 3 + " is " + a + ", the reference gives " + e);
            }
        }
    }
}
