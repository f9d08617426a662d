package io.jdeepface.face.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FaceBoxTest {
    @Test
    void iouOfDisjointTouchingAndEqualBoxes() {
        FaceBox a = new FaceBox(0, 0, 10, 10, 1, null);
        assertEquals(1, a.iou(a));
        assertEquals(0, a.iou(new FaceBox(10, 0, 10, 10, 1, null)));
        assertEquals(0, a.iou(new FaceBox(50, 50, 10, 10, 1, null)));
        assertEquals(0, a.iou(new FaceBox(0, 0, 0, 0, 1, null)));
        assertEquals(25.0 / 175, a.iou(new FaceBox(5, 5, 10, 10, 1, null)), 1e-12);
    }

    @Test
    void clippingKeepsBoxesInsideTheImage() {
        FaceBox out = new FaceBox(-20, -5, 100, 50, 0.9, null).clippedTo(60, 40);
        assertEquals(new FaceBox(0, 0, 60, 40, 0.9, null), out);
        FaceBox outside = new FaceBox(100, 100, 10, 10, 0.9, null).clippedTo(60, 40);
        assertEquals(0, outside.area());
    }

    @Test
    void squareOnHeightIsFrDetectJsScaleResult() {
        FaceBox tall = new FaceBox(100, 100, 60, 80, 0.9, null);
        assertEquals(new FaceBox(90, 100, 80, 80, 0.9, null), tall.squareOnHeight(1000, 1000));
        assertEquals(new FaceBox(90, 100, 60, 80, 0.9, null), tall.squareOnHeight(150, 1000));
    }

    @Test
    void invalidBoxesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new FaceBox(0, 0, -1, 1, 0.5, null));
        assertThrows(IllegalArgumentException.class, () -> new FaceBox(Double.NaN, 0, 1, 1, 0.5, null));
        assertThrows(IllegalArgumentException.class, () -> new FaceBox(0, 0, 1, 1, 1.5, null));
        assertThrows(IllegalArgumentException.class, () -> new FaceBox(0, 0, 1, 1, Double.NaN, null));
        assertThrows(IllegalArgumentException.class, () -> new Point(Double.POSITIVE_INFINITY, 0));
    }
}
