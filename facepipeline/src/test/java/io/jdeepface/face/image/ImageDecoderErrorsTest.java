package io.jdeepface.face.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.face.errors.CorruptImageException;
import io.jdeepface.face.errors.ImageInputException;
import io.jdeepface.face.errors.ImageTooLargeException;
import io.jdeepface.face.errors.NotAnImageException;
import io.jdeepface.face.errors.UnsupportedImageException;
import io.jdeepface.testdata.HandMadeImages;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets a specific exception whose message says what is wrong and with which input. */
class ImageDecoderErrorsTest {
    private final ImageDecoder decoder = new ImageDecoder();

    @TempDir
    Path dir;

    @Test
    void zeroByteFileIsNotAnImage() throws Exception {
        Path file = Files.write(dir.resolve("empty.jpg"), new byte[0]);
        var e = assertThrows(NotAnImageException.class, () -> decoder.decode(file));
        assertTrue(e.getMessage().contains("empty.jpg") && e.getMessage().contains("empty (0 bytes)"), e.getMessage());
        assertEquals(file.toString(), e.source());
    }

    @Test
    void textFileNamedJpgIsNotAnImage() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.jpg"), "Dear diary,\nthis is not a photo.\n");
        var e = assertThrows(NotAnImageException.class, () -> decoder.decode(file));
        assertTrue(e.getMessage().contains("notes.jpg"), e.getMessage());
        assertTrue(e.getMessage().contains("text, starting \"Dear diary, this is not a photo.\""), e.getMessage());
        var html = assertThrows(NotAnImageException.class,
                () -> decoder.decode("<html><body>404</body></html>".getBytes(StandardCharsets.UTF_8)));
        assertTrue(html.getMessage().contains("HTML"), html.getMessage());
    }

    @Test
    void unknownBinaryNamesItsFirstBytes() {
        var e = assertThrows(NotAnImageException.class, () -> decoder.decode(new byte[] {1, 2, 3, 0, (byte) 0xFE}));
        assertTrue(e.getMessage().contains("no known image signature (first bytes 01 02 03 00 fe)"), e.getMessage());
    }

    @Test
    void webpIsUnsupportedWhateverItsName() throws Exception {
        byte[] webp = new byte[64];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, webp, 0, 4);
        webp[4] = 56;
        System.arraycopy("WEBPVP8 ".getBytes(StandardCharsets.US_ASCII), 0, webp, 8, 8);
        Path file = Files.write(dir.resolve("photo.jpg"), webp);
        var e = assertThrows(UnsupportedImageException.class, () -> decoder.decode(file));
        assertTrue(e.getMessage().endsWith("photo.jpg: unsupported format: WebP (convert to JPEG or PNG)"), e.getMessage());
    }

    @Test
    void heifAndAvifAreUnsupported() {
        byte[] heic = FormatsBytes.isoBox("heic");
        byte[] avif = FormatsBytes.isoBox("avif");
        assertTrue(assertThrows(UnsupportedImageException.class, () -> decoder.decode(heic)).getMessage()
                .contains("HEIF/HEIC"));
        assertTrue(assertThrows(UnsupportedImageException.class, () -> decoder.decode(avif)).getMessage()
                .contains("AVIF"));
    }

    @Test
    void losslessAndArithmeticJpegsAreUnsupported() throws Exception {
        byte[] baseline = ImageEncoder.jpeg(TestImages.gradient(8, 8), 0.9f);
        int sof = indexOf(baseline, new byte[] {(byte) 0xFF, (byte) 0xC0});
        for (int marker : new int[] {0xC3, 0xC9}) { // lossless Huffman, arithmetic-coded sequential
            byte[] variant = baseline.clone();
            variant[sof + 1] = (byte) marker;
            var e = assertThrows(UnsupportedImageException.class, () -> decoder.decode(variant));
            assertTrue(e.getMessage().contains("unsupported format: lossless, hierarchical or arithmetic-coded JPEG"),
                    e.getMessage());
        }
    }

    @Test
    void truncatedImagesOfEachFormatAreCorrupt() throws Exception {
        Image image = TestImages.random(40, 30, 3);
        for (String format : new String[] {"png", "jpeg", "gif", "bmp", "tiff"}) {
            byte[] full = format.equals("jpeg") ? ImageEncoder.jpeg(image, 0.9f)
                    : TestImages.encode(format.equals("gif") ? indexed(image) : image.toBufferedImage(), format);
            for (int keep : new int[] {full.length / 2, full.length - 30, 30}) {
                byte[] cut = Arrays.copyOf(full, keep);
                var e = assertThrows(CorruptImageException.class, () -> decoder.decode(cut, "cut." + format),
                        format + " cut to " + keep + " bytes");
                assertTrue(e.getMessage().startsWith("cut." + format + ": "), e.getMessage());
                assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            }
        }
    }

    @Test
    void jpegCutJustBeforeItsEndMarkerIsTruncated() throws Exception {
        byte[] jpeg = ImageEncoder.jpeg(TestImages.gradient(40, 30), 0.9f);
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length - 2);
        var e = assertThrows(CorruptImageException.class, () -> decoder.decode(cut));
        assertTrue(e.getMessage().contains("truncated JPEG"), e.getMessage());
    }

    @Test
    void corruptPngDataIsCorrupt() throws Exception {
        byte[] png = TestImages.encode(TestImages.random(40, 30, 4).toBufferedImage(), "png");
        byte[] bad = png.clone();
        int idat = indexOf(bad, "IDAT".getBytes(StandardCharsets.US_ASCII));
        for (int i = idat + 4; i < idat + 24; i++) {
            bad[i] = (byte) 0xFF; // destroys the zlib header and first block
        }
        var e = assertThrows(CorruptImageException.class, () -> decoder.decode(bad, "bad.png"));
        assertTrue(e.getMessage().startsWith("bad.png: corrupt or truncated PNG"), e.getMessage());
        byte[] badHeader = png.clone();
        badHeader[12] = 'X'; // the first chunk is no longer IHDR
        assertThrows(CorruptImageException.class, () -> decoder.decode(badHeader));
    }

    @Test
    void pnmErrorsSayWhatIsWrong() {
        assertMessage(CorruptImageException.class, "needs 12 bytes of pixel data, the file has 3",
                "P6 2 2 255\n", 1, 2, 3);
        assertMessage(CorruptImageException.class, "sample 300 exceeds maxval 255", "P2 2 1 255 1 300", new int[0]);
        assertMessage(CorruptImageException.class, "ends after 1 of 2 samples", "P2 2 1 255 1", new int[0]);
        assertMessage(CorruptImageException.class, "expected the height", "P5 2 x 255\n", new int[0]);
        assertMessage(CorruptImageException.class, "maxval 70000 is outside 1..65535", "P5 1 1 70000\n", 0, 0);
        assertMessage(CorruptImageException.class, "empty 0x5 image", "P5 0 5 255\n", new int[0]);
        assertMessage(CorruptImageException.class, "too long", "P5 12345678901 5 255\n", new int[0]);
        assertMessage(UnsupportedImageException.class, "PBM bitmap (P4)", "P4 8 1\n", 0);
    }

    @Test
    void pixelBombPngIsRefusedFromItsHeaderWithoutAllocatingPixels() throws Exception {
        byte[] bomb = HandMadeImages.pngHeaderOnly(30000, 30000);
        decoder.decode(HandMadeImages.pngHeaderOnly(1, 1)); // warm up ImageIO so its class loading is not counted
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        var e = assertThrows(ImageTooLargeException.class, () -> decoder.decode(bomb, "bomb.png"));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals("bomb.png: image is 30000x30000, a side exceeds the limit of 20000 pixels (ImageLimits.maxSide)",
                e.getMessage());
        assertTrue(allocated < 16L << 20, "refusing the bomb allocated " + allocated + " bytes");

        var pixels = assertThrows(ImageTooLargeException.class, () -> decoder.decode(HandMadeImages.pngHeaderOnly(10000, 6000)));
        assertTrue(pixels.getMessage().contains("10000x6000 = 60000000 pixels, more than the limit of 50000000"),
                pixels.getMessage());
        var side = assertThrows(ImageTooLargeException.class, () -> decoder.decode(HandMadeImages.pngHeaderOnly(25000, 10)));
        assertTrue(side.getMessage().contains("limit of 20000 pixels"), side.getMessage());
    }

    @Test
    void pixelBombPnmIsRefusedFromItsHeader() {
        byte[] bomb = "P5 30000 30000 255\n".getBytes(StandardCharsets.US_ASCII);
        var e = assertThrows(ImageTooLargeException.class, () -> decoder.decode(bomb));
        assertTrue(e.getMessage().contains("30000x30000"), e.getMessage());
    }

    @Test
    void configuredLimitsApplyToEveryInputKind() throws Exception {
        byte[] png = ImageEncoder.png(TestImages.random(20, 20, 5));
        ImageDecoder small = new ImageDecoder(ImageLimits.DEFAULT.withMaxPixels(399));
        assertTrue(assertThrows(ImageTooLargeException.class, () -> small.decode(png)).getMessage()
                .contains("20x20 = 400 pixels, more than the limit of 399"));
        assertEquals(400, new ImageDecoder(ImageLimits.DEFAULT.withMaxPixels(400)).decode(png).width() * 20);
        assertThrows(ImageTooLargeException.class,
                () -> new ImageDecoder(ImageLimits.DEFAULT.withMaxSide(19)).decode(png));

        ImageDecoder tiny = new ImageDecoder(ImageLimits.DEFAULT.withMaxBytes(png.length - 1));
        assertTrue(assertThrows(ImageTooLargeException.class, () -> tiny.decode(png)).getMessage()
                .contains("more than the limit of " + (png.length - 1) + " bytes"));
        assertThrows(ImageTooLargeException.class, () -> tiny.decode(new ByteArrayInputStream(png), "stream"));
        assertThrows(ImageTooLargeException.class,
                () -> tiny.decodeBase64(java.util.Base64.getEncoder().encodeToString(png)));
        Path file = Files.write(dir.resolve("big.png"), png);
        assertTrue(assertThrows(ImageTooLargeException.class, () -> tiny.decode(file)).getMessage().contains("big.png"));
        assertEquals(20, new ImageDecoder(ImageLimits.DEFAULT.withMaxBytes(png.length)).decode(file).width());
    }

    @Test
    void invalidBase64IsNotAnImage() {
        var e = assertThrows(NotAnImageException.class, () -> decoder.decodeBase64("data:image/png;base64,iVBOR*w0K"));
        assertTrue(e.getMessage().contains("invalid base64"), e.getMessage());
        assertTrue(e.getMessage().startsWith("data:image/png;base64 URI of"), e.getMessage());
        assertTrue(assertThrows(NotAnImageException.class, () -> decoder.decodeBase64("data:image/svg+xml,<svg/>"))
                .getMessage().contains("only base64 data: URIs"));
        assertTrue(assertThrows(NotAnImageException.class, () -> decoder.decodeBase64("data:image/png;base64"))
                .getMessage().contains("without a ','"));
        // Valid base64 of text: decodes, then fails as not an image.
        String text = java.util.Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.US_ASCII));
        assertTrue(assertThrows(NotAnImageException.class, () -> decoder.decodeBase64(text)).getMessage()
                .contains("text, starting \"hello\""));
    }

    @Test
    void missingFileIsAPlainIoError() {
        assertThrows(java.nio.file.NoSuchFileException.class, () -> decoder.decode(dir.resolve("missing.jpg")));
    }

    /** No byte sequence makes the decoder fail with anything but its own exceptions. */
    @Property(tries = 300)
    void mutatedImagesFailCleanlyOrDecode(@ForAll @IntRange(min = 0, max = 4) int format,
                                          @ForAll @IntRange(min = 0, max = 1 << 20) int seed) {
        byte[] data = switch (format) {
            case 0 -> PNG.clone();
            case 1 -> JPEG.clone();
            case 2 -> GIF.clone();
            case 3 -> BMP.clone();
            default -> "P6 7 5 255\n".getBytes(StandardCharsets.US_ASCII);
        };
        var rnd = new java.util.SplittableRandom(seed);
        if (format == 4) {
            data = Arrays.copyOf(data, data.length + rnd.nextInt(120));
        }
        int flips = 1 + rnd.nextInt(8);
        for (int i = 0; i < flips; i++) {
            data[rnd.nextInt(data.length)] = (byte) rnd.nextInt(256);
        }
        if (rnd.nextBoolean()) {
            data = Arrays.copyOf(data, rnd.nextInt(data.length + 1));
        }
        try {
            Image image = decoder.decode(data);
            assertTrue(image.width() > 0 && image.height() > 0);
        } catch (ImageInputException expected) {
            assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank());
        }
    }

    private static final Image SMALL = TestImages.random(7, 5, 6);
    private static final byte[] PNG = TestImages.encode(SMALL.toBufferedImage(), "png");
    private static final byte[] JPEG = TestImages.encode(SMALL.toBufferedImage(), "jpeg");
    private static final byte[] GIF = TestImages.encode(indexed(SMALL), "gif");
    private static final byte[] BMP = TestImages.encode(SMALL.toBufferedImage(), "bmp");

    private static java.awt.image.BufferedImage indexed(Image image) {
        var out = new java.awt.image.BufferedImage(image.width(), image.height(),
                java.awt.image.BufferedImage.TYPE_BYTE_INDEXED);
        out.getGraphics().drawImage(image.toBufferedImage(), 0, 0, null);
        return out;
    }

    private <T extends ImageInputException> void assertMessage(Class<T> type, String expected, String header,
                                                               int... body) {
        byte[] data = ImageDecoderFormatsTest.concat(header, body);
        T e = assertThrows(type, () -> decoder.decode(data, "x.pgm"));
        assertTrue(e.getMessage().startsWith("x.pgm: ") && e.getMessage().contains(expected), e.getMessage());
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
