package io.jdeepface.face.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image itself: construction, crop, flip, conversion and writing. */
class ImageTest {
    @TempDir
    Path dir;

    @Test
    void constructionCopiesAndValidates() {
        byte[] rgb = {1, 2, 3, 4, 5, 6};
        Image image = Image.ofRgb(2, 1, rgb, "test");
        rgb[0] = 99;
        assertEquals(0x010203, image.rgb(0, 0));
        image.toRgbBytes()[0] = 99;
        assertEquals(1, image.sample(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Image.ofRgb(2, 2, rgb, "wrong size"));
        assertThrows(IllegalArgumentException.class, () -> Image.ofRgb(0, 1, new byte[0], "empty"));
        assertThrows(IndexOutOfBoundsException.class, () -> image.rgb(2, 0));
    }

    @Test
    void cropClampsToTheImage() {
        Image src = TestImages.random(10, 8, 1);
        Image inside = src.crop(2, 3, 4, 2);
        assertEquals(4, inside.width());
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 4; x++) {
                assertEquals(src.rgb(2 + x, 3 + y), inside.rgb(x, y));
            }
        }
        assertEquals(src.crop(0, 0, 3, 2), src.crop(-5, -4, 8, 6)); // sticks out top-left
        assertEquals(src.crop(7, 6, 3, 2), src.crop(7, 6, 100, 100)); // sticks out bottom-right
        assertEquals(src, src.crop(Integer.MIN_VALUE / 2, -1, Integer.MAX_VALUE, Integer.MAX_VALUE));
        var e = assertThrows(IllegalArgumentException.class, () -> src.crop(10, 0, 5, 5));
        assertTrue(e.getMessage().contains("does not overlap the 10x8 image"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> src.crop(2, 2, 0, 5));
    }

    @Test
    void flipHorizontalMirrors() {
        Image src = TestImages.random(7, 3, 2);
        Image flipped = src.flipHorizontal();
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 7; x++) {
                assertEquals(src.rgb(x, y), flipped.rgb(6 - x, y));
            }
        }
        assertEquals(src, flipped.flipHorizontal());
    }

    @Test
    void bufferedImageRoundTrip() {
        Image src = TestImages.random(9, 4, 3);
        BufferedImage b = src.toBufferedImage();
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, b.getType());
        assertEquals(src.rgb(8, 3), b.getRGB(8, 3) & 0xFFFFFF);
        assertEquals(src, Image.of(b));
    }

    @Test
    void writesPngLosslesslyAndJpegClosely() throws Exception {
        Image src = TestImages.gradient(40, 30);
        Path png = dir.resolve("face.png");
        Path jpg = dir.resolve("face.JPG");
        ImageEncoder.write(src, png);
        ImageEncoder.write(src, jpg);
        ImageDecoder decoder = new ImageDecoder();
        assertEquals(src, decoder.decode(png));
        assertEquals(ImageFormat.JPEG, ImageFormat.detect(Files.readAllBytes(jpg)));
        assertTrue(TestImages.meanAbsDifference(src, decoder.decode(jpg)) < 2);
        assertTrue(ImageEncoder.jpeg(src, 0.2f).length < ImageEncoder.jpeg(src, 1f).length);
        assertThrows(IllegalArgumentException.class, () -> ImageEncoder.write(src, dir.resolve("face.webp")));
        assertThrows(IllegalArgumentException.class, () -> ImageEncoder.jpeg(src, 1.5f));
    }
}
