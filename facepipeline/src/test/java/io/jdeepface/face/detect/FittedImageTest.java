package io.jdeepface.face.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jdeepface.face.image.Image;
import org.junit.jupiter.api.Test;

class FittedImageTest {
    static Image solid(int width, int height, int gray) {
        byte[] rgb = new byte[width * height * 3];
        java.util.Arrays.fill(rgb, (byte) gray);
        return Image.ofRgb(width, height, rgb, "solid");
    }

    @Test
    void stretchMapsTheInputExtentOntoThePhoto() {
        FittedImage fit = FittedImage.stretch(solid(1920, 1280, 200), 320, 240);
        assertEquals(320, fit.input().width());
        assertEquals(0, fit.sourceX(0));
        assertEquals(1920, fit.sourceX(1), 1e-9);
        assertEquals(1280, fit.sourceY(1), 1e-9);
        assertEquals(960, fit.sourceX(0.5), 1e-9);
    }

    @Test
    void letterboxKeepsTheAspectRatioAndCentres() {
        // 1000x250 (4:1) into 320x240: scaled by 0.32 to 320x80, 80 rows of black above and below.
        FittedImage fit = FittedImage.letterbox(solid(1000, 250, 200), 320, 240);
        assertEquals(0, fit.contentX());
        assertEquals(80, fit.contentY());
        assertEquals(320, fit.contentWidth());
        assertEquals(80, fit.contentHeight());
        assertEquals(0, fit.input().sample(10, 79, 0));
        assertEquals(200, fit.input().sample(10, 80, 0));
        assertEquals(200, fit.input().sample(10, 159, 0));
        assertEquals(0, fit.input().sample(10, 160, 0));
        // Content edges map to the photo's edges, the margin outside it.
        assertEquals(0, fit.sourceY(80 / 240.0), 1e-9);
        assertEquals(250, fit.sourceY(160 / 240.0), 1e-9);
        assertEquals(1000, fit.sourceX(1), 1e-9);
        assertEquals(-250, fit.sourceY(0), 1e-9);
    }

    @Test
    void letterboxOfATallPhotoPadsLeftAndRight() {
        FittedImage fit = FittedImage.letterbox(solid(300, 900, 50), 256, 256);
        assertEquals(85, fit.contentWidth()); // 300 * 256 / 900 = 85.3
        assertEquals(256, fit.contentHeight());
        assertEquals((256 - 85) / 2, fit.contentX());
        assertEquals(150, fit.sourceX((fit.contentX() + 42.5) / 256), 1e-9);
    }

    @Test
    void extremeShapesStillGetAtLeastOnePixel() {
        FittedImage fit = FittedImage.letterbox(solid(5000, 1, 9), 128, 128);
        assertEquals(1, fit.contentHeight());
        assertEquals(128, fit.contentWidth());
    }

    @Test
    void boxesInTheMarginAreDroppedAndBordersClipped() {
        FittedImage fit = FittedImage.letterbox(solid(1000, 250, 200), 320, 240);
        var faces = fit.clipToSource(java.util.List.of(
                new FaceBox(10, -200, 50, 100, 0.9, null), // wholly in the top margin
                new FaceBox(-30, 200, 100, 100, 0.8, null))); // over the bottom-left corner
        assertEquals(java.util.List.of(new FaceBox(0, 200, 70, 50, 0.8, null)), faces);
    }
}
