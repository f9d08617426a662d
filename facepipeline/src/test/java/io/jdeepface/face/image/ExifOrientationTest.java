package io.jdeepface.face.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** EXIF orientation is read from crafted JPEG APP1 segments and the decoded image is upright. */
class ExifOrientationTest {
    private static final int W = 32;
    private static final int H = 16;

    /**
     * For each orientation, the EXIF spec's description: on which side of the upright picture the
     * stored row 0 lies, and on which side the stored column 0 lies (T, B, L, R).
     */
    private static final String[] ROW0_COL0 = {null, "TL", "TR", "BR", "BL", "LT", "RT", "RB", "LB"};

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void jpegIsTurnedUprightForEveryOrientationAndByteOrder(int orientation) throws Exception {
        byte[] stored = ImageEncoder.jpeg(TestImages.quadrants(W, H), 1.0f);
        for (boolean littleEndian : new boolean[] {true, false}) {
            byte[] jpeg = withApp1(stored, exif(orientation, littleEndian));
            assertEquals(orientation, ExifOrientation.read(jpeg, ImageFormat.JPEG));
            Image upright = new ImageDecoder().decode(jpeg);
            boolean swapped = orientation >= 5;
            assertEquals(swapped ? H : W, upright.width());
            assertEquals(swapped ? W : H, upright.height());
            // Stored corners: TL red (0), TR green (1), BL blue (2), BR white (3).
            char rowSide = ROW0_COL0[orientation].charAt(0);
            char colSide = ROW0_COL0[orientation].charAt(1);
            assertCorner(upright, rowSide, colSide, 0);
            assertCorner(upright, rowSide, opposite(colSide), 1);
            assertCorner(upright, opposite(rowSide), colSide, 2);
            assertCorner(upright, opposite(rowSide), opposite(colSide), 3);
        }
    }

    private static void assertCorner(Image image, char side1, char side2, int quadrant) {
        boolean top = side1 == 'T' || side2 == 'T';
        boolean left = side1 == 'L' || side2 == 'L';
        int x = left ? image.width() / 4 : image.width() * 3 / 4;
        int y = top ? image.height() / 4 : image.height() * 3 / 4;
        int expected = TestImages.QUADRANT_COLOURS[quadrant];
        assertEquals(Integer.toHexString(expected),
                Integer.toHexString(TestImages.nearest(image.rgb(x, y), TestImages.QUADRANT_COLOURS)),
                "stored quadrant " + quadrant + " should be at the " + side1 + side2 + " corner");
    }

    private static char opposite(char side) {
        return switch (side) {
            case 'T' -> 'B';
            case 'B' -> 'T';
            case 'L' -> 'R';
            default -> 'L';
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8})
    void applyMatchesTheSameTurnOnALosslessImage(int orientation) {
        Image stored = TestImages.random(5, 3, orientation);
        Image upright = ExifOrientation.apply(stored, orientation);
        Image expected = switch (orientation) {
            case 2 -> stored.flipHorizontal();
            case 3 -> rotateClockwise(rotateClockwise(stored));
            case 4 -> rotateClockwise(rotateClockwise(stored)).flipHorizontal();
            case 5 -> rotateClockwise(stored).flipHorizontal();
            case 6 -> rotateClockwise(stored);
            case 7 -> rotateClockwise(rotateClockwise(rotateClockwise(stored))).flipHorizontal();
            default -> rotateClockwise(rotateClockwise(rotateClockwise(stored)));
        };
        assertEquals(expected, upright);
    }

    /** Naive 90° clockwise turn: the stored left column becomes the top row. */
    private static Image rotateClockwise(Image in) {
        byte[] out = new byte[in.width() * in.height() * 3];
        for (int y = 0; y < in.height(); y++) {
            for (int x = 0; x < in.width(); x++) {
                int nx = in.height() - 1 - y;
                int ny = x;
                for (int c = 0; c < 3; c++) {
                    out[(ny * in.height() + nx) * 3 + c] = (byte) in.sample(x, y, c);
                }
            }
        }
        return Image.ofRgb(in.height(), in.width(), out, "rotated");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void tiffStructureIsReadInBothByteOrders(boolean littleEndian) {
        byte[] app1 = exif(6, littleEndian);
        byte[] tiff = Arrays.copyOfRange(app1, 6, app1.length); // a TIFF file is the structure after "Exif\0\0"
        assertEquals(6, ExifOrientation.read(tiff, ImageFormat.TIFF));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 9, 0xFFFF})
    void outOfRangeOrientationIsIgnored(int value) throws Exception {
        byte[] jpeg = withApp1(ImageEncoder.jpeg(TestImages.quadrants(W, H), 1.0f), exif(value, true));
        assertEquals(1, ExifOrientation.read(jpeg, ImageFormat.JPEG));
        assertEquals(W, new ImageDecoder().decode(jpeg).width());
    }

    /** Random damage to a valid EXIF block never throws and never yields a value outside 1..8. */
    @Property(tries = 500)
    void malformedExifIsIgnored(@ForAll @IntRange(min = 0, max = 60) int position, @ForAll byte value,
                                @ForAll @IntRange(min = 0, max = 60) int cut, @ForAll boolean littleEndian) {
        byte[] app1 = exif(6, littleEndian);
        app1[Math.min(position, app1.length - 1)] = value;
        app1 = Arrays.copyOf(app1, Math.max(0, app1.length - cut));
        byte[] jpeg = withApp1(MINIMAL_JPEG, app1);
        int orientation = ExifOrientation.read(jpeg, ImageFormat.JPEG);
        assertTrue(orientation >= 1 && orientation <= 8);
        // A cut that makes the segment length lie about the data must not throw either.
        byte[] lying = withApp1(MINIMAL_JPEG, app1);
        lying = Arrays.copyOf(lying, Math.min(lying.length, 2 + 4 + app1.length / 2));
        int fromLying = ExifOrientation.read(lying, ImageFormat.JPEG);
        assertTrue(fromLying >= 1 && fromLying <= 8);
    }

    @Property(tries = 300)
    void randomBytesNeverCrashTheReader(@ForAll @Size(max = 80) byte[] junk) {
        byte[] jpeg = new byte[junk.length + 2];
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        System.arraycopy(junk, 0, jpeg, 2, junk.length);
        int a = ExifOrientation.read(jpeg, ImageFormat.JPEG);
        int b = ExifOrientation.read(junk, ImageFormat.TIFF);
        assertTrue(a >= 1 && a <= 8 && b >= 1 && b <= 8);
    }

    @Property(tries = 50)
    void decodingAJpegWithMalformedExifStillWorks(@ForAll @IntRange(min = 6, max = 40) int position,
                                                  @ForAll byte value) throws Exception {
        byte[] app1 = exif(3, false);
        app1[position] = value;
        Image image = new ImageDecoder().decode(withApp1(MINIMAL_JPEG, app1));
        assertEquals(8, image.width() * image.height() / 8);
    }

    private static final byte[] MINIMAL_JPEG = TestImages.encode(TestImages.gradient(8, 8).toBufferedImage(), "jpeg");

    /** An APP1 payload: "Exif\0\0", a TIFF header and an IFD0 of two entries, the second the orientation. */
    static byte[] exif(int orientation, boolean littleEndian) {
        ByteBuffer b = ByteBuffer.allocate(6 + 8 + 2 + 2 * 12 + 4)
                .order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        b.put(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        b.put(littleEndian ? new byte[] {'I', 'I'} : new byte[] {'M', 'M'});
        b.putShort((short) 42).putInt(8);
        b.putShort((short) 2);
        b.putShort((short) 0x010F).putShort((short) 2).putInt(4).put(new byte[] {'a', 'b', 'c', 0}); // Make
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        b.putInt(0); // no next IFD
        return b.array();
    }

    /** {@code jpeg} with an APP1 segment holding {@code payload} inserted after its APP0 (JFIF) segment. */
    static byte[] withApp1(byte[] jpeg, byte[] payload) {
        int insertAt = 2;
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            insertAt = 4 + ((jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, insertAt);
        out.write(0xFF);
        out.write(0xE1);
        int length = payload.length + 2;
        out.write(length >> 8);
        out.write(length);
        out.writeBytes(payload);
        out.write(jpeg, insertAt, jpeg.length - insertAt);
        return out.toByteArray();
    }
}
