package io.jdeepface.face.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jdeepface.face.detect.FaceBox;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaceExtractorTest {
    @Test
    void mainFaceIsTheLargestBoxOverTheCentre() {
        FaceBox bigOffCentre = new FaceBox(0, 0, 90, 90, 0.9, null);
        FaceBox central = new FaceBox(100, 100, 50, 50, 0.8, null);
        FaceBox smallCentral = new FaceBox(110, 110, 20, 20, 0.99, null);
        assertEquals(central, FaceExtractor.mainFace(List.of(bigOffCentre, smallCentral, central), 250, 250));
        // Nothing over the centre: the largest.
        assertEquals(bigOffCentre, FaceExtractor.mainFace(List.of(bigOffCentre, central), 500, 500));
    }
}
