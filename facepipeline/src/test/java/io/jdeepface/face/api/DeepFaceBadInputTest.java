package io.jdeepface.face.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.face.errors.CorruptImageException;
import io.jdeepface.face.errors.ImageInputException;
import io.jdeepface.face.errors.ImageTooLargeException;
import io.jdeepface.face.errors.NoFaceDetectedException;
import io.jdeepface.face.errors.NotAnImageException;
import io.jdeepface.testdata.HandMadeImages;
import io.jdeepface.testdata.TestPackages;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad images through every facade call: each gives its specific exception with a message that
 * names the input and what is wrong, and the facade keeps working afterwards.
 */
class DeepFaceBadInputTest {
    private static final FaceOptions O = FaceOptions.defaults();

    private static <T extends Throwable> String fails(Class<T> type, Executable call) {
        return assertThrows(type, call).getMessage();
    }

    /** The same bad input through verify (either side), represent, analyze and extractFaces. */
    private static String failsEverywhere(Class<? extends ImageInputException> type, ImageInput bad) throws Exception {
        ImageInput good = ImageInput.of(TestPackages.FACE_API.file("demo/sample1.jpg"));
        DeepFace df = Api.deepFace();
        String message = fails(type, () -> df.verify(bad, good, O));
        assertEquals(message, fails(type, () -> df.verify(good, bad, O)));
        assertEquals(message, fails(type, () -> df.represent(bad, O)));
        assertEquals(message, fails(type, () -> df.analyze(bad, EnumSet.of(Action.LANDMARKS), O)));
        assertEquals(message, fails(type, () -> df.extractFaces(bad, O)));
        // Nothing is left broken: a good call still works.
        assertTrue(df.verify(good, good, O).verified());
        return message;
    }

    @Test
    void zeroByteFile(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.jpg"));
        String m = failsEverywhere(NotAnImageException.class, ImageInput.of(empty));
        assertTrue(m.contains("empty.jpg") && m.contains("empty (0 bytes)"), m);
    }

    @Test
    void textFileNamedJpg(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("holiday.jpg"), "Meeting notes, not a photo.\n");
        String m = failsEverywhere(NotAnImageException.class, ImageInput.of(text));
        assertTrue(m.contains("holiday.jpg") && m.contains("text"), m);
    }

    @Test
    void truncatedJpeg(@TempDir Path dir) throws Exception {
        byte[] photo = Files.readAllBytes(TestPackages.FACE_API.file("demo/sample2.jpg"));
        Path cut = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(photo, photo.length / 2));
        String m = failsEverywhere(CorruptImageException.class, ImageInput.of(cut));
        assertTrue(m.contains("cut.jpg") && m.contains("truncated"), m);
    }

    @Test
    void corruptJpegBytes() throws Exception {
        byte[] photo = Files.readAllBytes(TestPackages.FACE_API.file("demo/sample2.jpg"));
        byte[] broken = photo.clone();
        // Keep the markers up to the frame header; overwrite the tables and scan with noise.
        for (int i = 40; i < broken.length - 2; i++) {
            broken[i] = (byte) (i * 31 + 7);
        }
        String m = failsEverywhere(CorruptImageException.class, ImageInput.of(broken));
        assertTrue(m.toLowerCase().contains("jpeg"), m);
    }

    @Test
    void invalidBase64() throws Exception {
        String m = failsEverywhere(NotAnImageException.class, ImageInput.ofBase64("data:image/jpeg;base64,@@not base64@@"));
        assertTrue(m.contains("base64"), m);
    }

    @Test
    void decompressionBombPngHeaderIsRefusedBeforeDecoding() throws Exception {
        byte[] bomb = HandMadeImages.pngHeaderOnly(30000, 30000);
        String m = failsEverywhere(ImageTooLargeException.class, ImageInput.of(bomb));
        assertTrue(m.contains("30000x30000"), m);
    }

    @Test
    void imageWithoutAFace() throws Exception {
        BufferedImage wall = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                wall.setRGB(x, y, ((x / 20 + y / 20) % 2 == 0) ? 0xB0A090 : 0x605040);
            }
        }
        ImageInput bricks = ImageInput.of(wall);
        NoFaceDetectedException e = assertThrows(NoFaceDetectedException.class,
                () -> Api.deepFace().represent(bricks, O));
        assertTrue(e.getMessage().contains("ultraface") && e.getMessage().contains("enforceDetection"), e.getMessage());
        assertThrows(NoFaceDetectedException.class, () -> Api.deepFace().verify(bricks,
                ImageInput.of(TestPackages.FACE_API.file("demo/sample1.jpg")), O));
        assertEquals(1, Api.deepFace().represent(bricks, O.withEnforceDetection(false)).size());
    }

    @Test
    void missingFileNamesThePath(@TempDir Path dir) {
        Path missing = dir.resolve("nobody.jpg");
        Exception e = assertThrows(java.io.IOException.class, () -> Api.deepFace().represent(ImageInput.of(missing), O));
        assertTrue(e.getMessage().contains("nobody.jpg"), e.getMessage());
    }
}
