package io.jdeepface.face.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.face.errors.UnsupportedImageException;
import io.jdeepface.testdata.TestPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Real photos: the face-api demo pictures, and DeepFace's unit-test photos when the dataset is present. */
class RealImagesTest {
    private final ImageDecoder decoder = new ImageDecoder();

    @Test
    void faceApiDemoPhotosDecode() throws Exception {
        for (String name : List.of("demo/sample1.jpg", "demo/sample2.jpg", "demo/sample3.jpg", "demo/sample4.jpg",
                "demo/sample5.jpg", "demo/sample6.jpg", "demo/facemesh.png")) {
            Path file = TestPackages.FACE_API.file(name);
            Image image = decoder.decode(file);
            assertEquals(file.toString(), image.source());
            assertEquals(name.endsWith(".png") ? 414 : 1920, image.width(), name);
        }
    }

    @Test
    void decodesLikeImageIoItselfWhenNoOrientationApplies() throws Exception {
        for (String name : List.of("demo/sample1.jpg", "demo/facemesh.png")) {
            Path file = TestPackages.FACE_API.file(name);
            byte[] bytes = Files.readAllBytes(file);
            assertEquals(1, ExifOrientation.read(bytes, ImageFormat.detect(bytes)), name);
            // Same JDK decoder underneath: the same stored samples.
            assertEquals(Image.of(ImageIO.read(file.toFile())), decoder.decode(bytes), name);
        }
    }

    /** Every image of {@code ../shared/datasets/deepface-unit} decodes, except the WebP named img47.jpg. */
    @Test
    void deepfaceUnitPhotosDecode() throws Exception {
        Path dataset = TestPackages.sharedDataset("deepface-unit");
        Assumptions.assumeTrue(dataset != null, "../shared/datasets/deepface-unit is absent");
        List<Path> photos;
        try (Stream<Path> files = Files.list(dataset)) {
            photos = files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        assertTrue(photos.size() > 50, "expected DeepFace's ~64 photos, found " + photos.size());
        int decoded = 0;
        for (Path photo : photos) {
            if (photo.getFileName().toString().equals("img47.jpg")) {
                var e = assertThrows(UnsupportedImageException.class, () -> decoder.decode(photo));
                assertTrue(e.getMessage().endsWith("img47.jpg: unsupported format: WebP (convert to JPEG or PNG)"),
                        e.getMessage());
                continue;
            }
            Image image = decoder.decode(photo);
            assertTrue(image.width() >= 100 && image.height() >= 100, photo + " gave " + image);
            decoded++;
        }
        assertEquals(photos.size() - 1, decoded);
    }
}
