package io.jdeepface.face.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

/** Every supported format decodes to the expected pixels: exactly for lossless ones. */
class ImageDecoderFormatsTest {
    private final ImageDecoder decoder = new ImageDecoder();
    private static final int W = 23;
    private static final int H = 17;

    @Test
    void pngRgbIsExact() throws Exception {
        Image expected = TestImages.random(W, H, 1);
        Image decoded = decoder.decode(TestImages.encode(expected.toBufferedImage(), "png"));
        assertEquals(expected, decoded);
        assertEquals(ImageFormat.PNG, ImageFormat.detect(TestImages.encode(expected.toBufferedImage(), "png")));
    }

    @Test
    void pngGrayIsReplicatedWithoutGammaConversion() throws Exception {
        BufferedImage gray = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
        fill(gray.getRaster(), 2, 255);
        byte[] png = TestImages.encode(gray, "png");
        assertEquals(0, pngColourType(png));
        Image decoded = decoder.decode(png);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int v = gray.getRaster().getSample(x, y, 0);
                assertEquals(v << 16 | v << 8 | v, decoded.rgb(x, y), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void png16BitGrayKeepsTheHighByte() throws Exception {
        BufferedImage gray = new BufferedImage(W, H, BufferedImage.TYPE_USHORT_GRAY);
        fill(gray.getRaster(), 3, 65535);
        byte[] png = TestImages.encode(gray, "png");
        assertEquals(16, png[24]); // IHDR bit depth
        Image decoded = decoder.decode(png);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int v = gray.getRaster().getSample(x, y, 0) >> 8;
                assertEquals(v << 16 | v << 8 | v, decoded.rgb(x, y));
            }
        }
    }

    @Test
    void png16BitRgbKeepsTheHighByte() throws Exception {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        BufferedImage image = new BufferedImage(cm, cm.createCompatibleWritableRaster(W, H), false, null);
        fill(image.getRaster(), 4, 65535);
        byte[] png = TestImages.encode(image, "png");
        assertEquals(16, png[24]);
        assertEquals(2, pngColourType(png));
        Image decoded = decoder.decode(png);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(image.getRaster().getSample(x, y, c) >> 8, decoded.sample(x, y, c));
                }
            }
        }
    }

    @Test
    void pngRgbaDropsAlpha() throws Exception {
        BufferedImage rgba = new BufferedImage(W, H, BufferedImage.TYPE_4BYTE_ABGR);
        fill(rgba.getRaster(), 5, 255); // random alpha too, including fully transparent pixels
        byte[] png = TestImages.encode(rgba, "png");
        assertEquals(6, pngColourType(png));
        assertStoredRgb(rgba.getRaster(), decoder.decode(png));
    }

    @Test
    void pngGrayAlphaDropsAlpha() throws Exception {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        BufferedImage image = new BufferedImage(cm, cm.createCompatibleWritableRaster(W, H), false, null);
        fill(image.getRaster(), 6, 255);
        byte[] png = TestImages.encode(image, "png");
        assertEquals(4, pngColourType(png));
        Image decoded = decoder.decode(png);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int v = image.getRaster().getSample(x, y, 0);
                assertEquals(v << 16 | v << 8 | v, decoded.rgb(x, y));
            }
        }
    }

    @Test
    void pngPaletteMapsThroughThePalette() throws Exception {
        BufferedImage indexed = paletteImage(7);
        byte[] png = TestImages.encode(indexed, "png");
        assertEquals(3, pngColourType(png));
        assertPalettePixels(indexed, decoder.decode(png));
    }

    @Test
    void bmpIsExact() throws Exception {
        Image expected = TestImages.random(W, H, 8);
        byte[] bmp = TestImages.encode(expected.toBufferedImage(), "bmp");
        assertEquals(ImageFormat.BMP, ImageFormat.detect(bmp));
        assertEquals(expected, decoder.decode(bmp));
    }

    @Test
    void tiffIsExact() throws Exception {
        Image expected = TestImages.random(W, H, 9);
        byte[] tiff = TestImages.encode(expected.toBufferedImage(), "tiff");
        assertEquals(ImageFormat.TIFF, ImageFormat.detect(tiff));
        assertEquals(expected, decoder.decode(tiff));
    }

    @Test
    void gifIsExactAndOnlyTheFirstFrameIsRead() throws Exception {
        BufferedImage first = paletteImage(10);
        BufferedImage second = paletteImage(11);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new IIOImage(first, null, null), null);
            writer.writeToSequence(new IIOImage(second, null, null), null);
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        byte[] gif = bytes.toByteArray();
        assertEquals(ImageFormat.GIF, ImageFormat.detect(gif));
        assertEquals(2, countGifFrames(gif), "the test GIF must really have two frames");
        assertPalettePixels(first, decoder.decode(gif));
    }

    @Test
    void jpegIsCloseAndGrayJpegIsReplicated() throws Exception {
        Image expected = TestImages.gradient(64, 48);
        Image decoded = decoder.decode(ImageEncoder.jpeg(expected, 0.95f));
        assertTrue(TestImages.meanAbsDifference(expected, decoded) < 2.0,
                "mean difference " + TestImages.meanAbsDifference(expected, decoded));

        BufferedImage gray = new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                gray.getRaster().setSample(x, y, 0, x * 4);
            }
        }
        Image grayDecoded = decoder.decode(TestImages.encode(gray, "jpeg"));
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                int r = grayDecoded.sample(x, y, 0);
                assertEquals(r, grayDecoded.sample(x, y, 1));
                assertEquals(r, grayDecoded.sample(x, y, 2));
                assertTrue(Math.abs(r - x * 4) <= 6, "gray at " + x + "," + y + " is " + r);
            }
        }
    }

    @Test
    void fourChannelJpegIsConvertedThroughItsColourSpace() throws Exception {
        // The JDK reads CMYK JPEGs (no Adobe marker: plain CMYK); they are not common but not refused.
        WritableRaster cmyk = java.awt.image.Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 16, 8, 4, null);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(cmyk, null, null), null);
        } finally {
            writer.dispose();
        }
        Image image = decoder.decode(bytes.toByteArray());
        assertEquals(16, image.width());
        assertEquals(8, image.height());
    }

    @Test
    void bmpWithAnEmptyChannelMaskDecodesThatChannelAsZero() throws Exception {
        // 16-bit BI_BITFIELDS BMP, 2x1, masks red 0xF800, green 0x07E0, blue 0 (found by fuzzing: 0-bit samples).
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(14 + 40 + 12 + 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(70).putInt(0).putInt(66);
        b.putInt(40).putInt(2).putInt(1).putShort((short) 1).putShort((short) 16).putInt(3).putInt(4)
                .putInt(2835).putInt(2835).putInt(0).putInt(0);
        b.putInt(0xF800).putInt(0x07E0).putInt(0);
        b.putShort((short) 0xFFFF).putShort((short) 0x07E0);
        Image image = decoder.decode(b.array());
        assertEquals(0xFFFF00, image.rgb(0, 0));
        assertEquals(0x00FF00, image.rgb(1, 0));
    }

    @Test
    void pgmAndPpmInAllFourEncodings() throws Exception {
        // P2: text gray, maxval 15, with comments.
        String p2 = "P2\n# a comment\n3 2 # trailing comment\n15\n0 5 10\n15 1 2\n";
        Image g = decoder.decode(p2.getBytes(StandardCharsets.US_ASCII));
        int[] expected = {0, 85, 170, 255, 17, 34};
        for (int i = 0; i < 6; i++) {
            int v = expected[i];
            assertEquals(v << 16 | v << 8 | v, g.rgb(i % 3, i / 3));
        }
        // P3: text colour, maxval 255.
        Image c = decoder.decode("P3 2 1 255  255 0 0   1 2 3".getBytes(StandardCharsets.US_ASCII));
        assertEquals(0xFF0000, c.rgb(0, 0));
        assertEquals(0x010203, c.rgb(1, 0));
        // P5: binary gray, 8-bit.
        Image p5 = decoder.decode(concat("P5\n2 2\n255\n", 0, 100, 200, 255));
        assertEquals(0x646464, p5.rgb(1, 0));
        assertEquals(0xC8C8C8, p5.rgb(0, 1));
        // P6: binary colour, 8-bit.
        Image p6 = decoder.decode(concat("P6 1 2 255\n", 10, 20, 30, 40, 50, 60));
        assertEquals(0x0A141E, p6.rgb(0, 0));
        assertEquals(0x28323C, p6.rgb(0, 1));
    }

    @Test
    void pnmSixteenBitSamplesAreBigEndianAndScaled() throws Exception {
        // maxval 65535: 0x8000 -> round(32768 * 255 / 65535) = 128; maxval 1000: 500 -> 128 (127.5 rounds up).
        Image p5 = decoder.decode(concat("P5 2 1 65535\n", 0x80, 0x00, 0xFF, 0xFF));
        assertEquals(128, p5.sample(0, 0, 0));
        assertEquals(255, p5.sample(1, 0, 2));
        Image p6 = decoder.decode(concat("P6 1 1 1000\n", 0x01, 0xF4, 0x03, 0xE8, 0x00, 0x00));
        assertEquals(0x80FF00, p6.rgb(0, 0));
    }

    @Test
    void allInputKindsGiveTheSameImage() throws Exception {
        Image expected = TestImages.random(W, H, 12);
        byte[] png = ImageEncoder.png(expected);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("jdeepface", ".bin");
        try {
            java.nio.file.Files.write(file, png);
            assertEquals(expected, decoder.decode(file));
            assertEquals(expected, decoder.decode(file.toString()));
            assertEquals(file.toString(), decoder.decode(file).source());
        } finally {
            java.nio.file.Files.delete(file);
        }
        assertEquals(expected, decoder.decode(new ByteArrayInputStream(png), "stream"));
        assertEquals(expected, Image.of(expected.toBufferedImage()));
        String b64 = java.util.Base64.getEncoder().encodeToString(png);
        assertEquals(expected, decoder.decodeBase64(b64));
        assertEquals(expected, decoder.decodeBase64("data:image/png;base64," + b64));
        assertEquals(expected, decoder.decode("data:image/jpeg;base64," + b64), "the content, not the media type, decides");
        assertEquals(expected, decoder.decodeBase64(java.util.Base64.getMimeEncoder().encodeToString(png)));
        assertEquals(expected, decoder.decodeBase64(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(png)));
    }

    @Test
    void bufferedImagesOfEveryCommonTypeConvert() {
        Image expected = TestImages.random(W, H, 13);
        for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_BGR, BufferedImage.TYPE_INT_ARGB,
                BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR}) {
            BufferedImage b = new BufferedImage(W, H, type);
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    b.setRGB(x, y, 0xFF000000 | expected.rgb(x, y));
                }
            }
            assertEquals(expected, Image.of(b), "BufferedImage type " + type);
        }
        // A sub-image shares its parent's raster with an offset: the fast path must honour it.
        BufferedImage big = TestImages.random(W + 5, H + 4, 14).toBufferedImage();
        BufferedImage sub = big.getSubimage(3, 2, W, H);
        Image fromSub = Image.of(sub);
        assertEquals(Image.of(big).crop(3, 2, W, H), fromSub);
    }

    // --- helpers ---

    private static void fill(WritableRaster raster, long seed, int max) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int y = 0; y < raster.getHeight(); y++) {
            for (int x = 0; x < raster.getWidth(); x++) {
                for (int b = 0; b < raster.getNumBands(); b++) {
                    raster.setSample(x, y, b, rnd.nextInt(max + 1));
                }
            }
        }
    }

    private static void assertStoredRgb(WritableRaster raster, Image decoded) {
        for (int y = 0; y < raster.getHeight(); y++) {
            for (int x = 0; x < raster.getWidth(); x++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(raster.getSample(x, y, c), decoded.sample(x, y, c), "pixel " + x + "," + y);
                }
            }
        }
    }

    private static BufferedImage paletteImage(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int size = 16;
        byte[] r = new byte[size];
        byte[] g = new byte[size];
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            r[i] = (byte) rnd.nextInt(256);
            g[i] = (byte) rnd.nextInt(256);
            b[i] = (byte) rnd.nextInt(256);
        }
        IndexColorModel icm = new IndexColorModel(8, size, r, g, b);
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_INDEXED, icm);
        fill(image.getRaster(), seed + 100, size - 1);
        return image;
    }

    private static void assertPalettePixels(BufferedImage indexed, Image decoded) {
        IndexColorModel icm = (IndexColorModel) indexed.getColorModel();
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int index = indexed.getRaster().getSample(x, y, 0);
                assertEquals(icm.getRGB(index) & 0xFFFFFF, decoded.rgb(x, y), "pixel " + x + "," + y);
            }
        }
    }

    private static int countGifFrames(byte[] gif) throws Exception {
        var reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (var in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
            reader.setInput(in);
            return reader.getNumImages(true);
        } finally {
            reader.dispose();
        }
    }

    /** PNG colour type from IHDR: 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA. */
    static int pngColourType(byte[] png) {
        return png[25];
    }

    static byte[] concat(String header, int... bytes) {
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        byte[] out = java.util.Arrays.copyOf(h, h.length + bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            out[h.length + i] = (byte) bytes[i];
        }
        return out;
    }
}
