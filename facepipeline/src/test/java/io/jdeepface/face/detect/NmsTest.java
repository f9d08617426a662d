package io.jdeepface.face.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class NmsTest {
    private static FaceBox box(double x, double y, double size, double score) {
        return new FaceBox(x, y, size, size, score, null);
    }

    @Test
    void emptyInEmptyOut() {
        assertEquals(List.of(), Nms.hard(List.of(), 0.3, 100, 100));
        assertEquals(List.of(), Nms.weighted(List.of(), 0.3, 100, 100));
    }

    @Test
    void overlappingBoxesKeepTheBest() {
        FaceBox best = box(10, 10, 100, 0.9);
        FaceBox shifted = box(20, 15, 100, 0.8); // IoU ≈ 0.66
        FaceBox elsewhere = box(300, 10, 100, 0.7);
        assertEquals(List.of(best, elsewhere), Nms.hard(List.of(shifted, elsewhere, best), 0.3, 100, 100));
    }

    @Test
    void overlapAtTheThresholdIsNotSuppressed() {
        // Two 10x10 boxes overlapping by 5x10: IoU = 50 / 150 = 1/3.
        FaceBox a = box(0, 0, 10, 0.9);
        FaceBox b = box(5, 0, 10, 0.8);
        assertEquals(1.0 / 3, a.iou(b), 1e-12);
        assertEquals(2, Nms.hard(List.of(a, b), 1.0 / 3, 10, 10).size());
        assertEquals(1, Nms.hard(List.of(a, b), 0.33, 10, 10).size());
    }

    @Test
    void equalScoresAreOrderedByPosition() {
        FaceBox low = box(0, 200, 10, 0.5);
        FaceBox right = box(100, 0, 10, 0.5);
        FaceBox left = box(0, 0, 10, 0.5);
        assertEquals(List.of(left, right, low), Nms.hard(List.of(low, right, left), 0.3, 10, 10));
        // Identical-score duplicates: the top-left one wins whatever the input order.
        FaceBox a = box(0, 0, 100, 0.5);
        FaceBox b = box(2, 0, 100, 0.5);
        assertEquals(List.of(a), Nms.hard(List.of(b, a), 0.3, 10, 10));
        assertEquals(List.of(a), Nms.hard(List.of(a, b), 0.3, 10, 10));
    }

    @Test
    void candidateAndResultLimits() {
        List<FaceBox> apart = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            apart.add(box(i * 100, 0, 50, 0.5 + i * 0.01));
        }
        assertEquals(3, Nms.hard(apart, 0.3, 3, 100).size());
        assertEquals(4, Nms.hard(apart, 0.3, 100, 4).size());
        assertEquals(0.59, Nms.hard(apart, 0.3, 1, 100).getFirst().score(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Nms.hard(apart, 0.3, -1, 4));
    }

    @Test
    void weightedBlendsCornersAndKeypointsByScoreAndKeepsTheBestScore() {
        FaceBox a = new FaceBox(0, 0, 100, 100, 0.75, keypoints(10));
        FaceBox b = new FaceBox(10, 20, 100, 100, 0.25, keypoints(30));
        FaceBox far = new FaceBox(500, 500, 50, 50, 0.6, keypoints(0));
        List<FaceBox> out = Nms.weighted(List.of(b, far, a), 0.3, 100, 100);
        assertEquals(2, out.size());
        FaceBox merged = out.getFirst();
        assertEquals(0.75, merged.score());
        assertEquals(2.5, merged.x(), 1e-9); // 0.75 * 0 + 0.25 * 10
        assertEquals(5, merged.y(), 1e-9);
        assertEquals(102.5, merged.right(), 1e-9);
        assertEquals(105, merged.bottom(), 1e-9);
        assertEquals(15, merged.keypoints().nose().x(), 1e-9); // 0.75 * 10 + 0.25 * 30
        assertEquals(far, out.get(1));
    }

    @Test
    void weightedWithZeroScoresTakesThePlainMean() {
        FaceBox a = box(0, 0, 100, 0);
        FaceBox b = box(10, 0, 100, 0);
        FaceBox merged = Nms.weighted(List.of(a, b), 0.3, 10, 10).getFirst();
        assertEquals(5, merged.x(), 1e-9);
        assertEquals(0, merged.score());
    }

    @Property(tries = 50)
    void resultDoesNotDependOnInputOrder(@ForAll long seed) {
        Random random = new Random(seed);
        List<FaceBox> boxes = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // Coarse values so that exact ties in score and position happen.
            boxes.add(box(random.nextInt(10) * 20, random.nextInt(10) * 20, 40 + random.nextInt(3) * 20,
                    random.nextInt(5) / 4.0));
        }
        List<FaceBox> hard = Nms.hard(boxes, 0.3, 1000, 1000);
        List<FaceBox> weighted = Nms.weighted(boxes, 0.3, 1000, 1000);
        Collections.shuffle(boxes, random);
        assertEquals(hard, Nms.hard(boxes, 0.3, 1000, 1000));
        assertEquals(weighted, Nms.weighted(boxes, 0.3, 1000, 1000));
        for (int i = 0; i < hard.size(); i++) {
            for (int j = i + 1; j < hard.size(); j++) {
                assertTrue(hard.get(i).iou(hard.get(j)) <= 0.3, "survivors must not overlap");
                assertTrue(Nms.ORDER.compare(hard.get(i), hard.get(j)) <= 0, "survivors in order");
            }
        }
    }

    static FaceKeypoints keypoints(double v) {
        Point p = new Point(v, v);
        return new FaceKeypoints(p, p, p, p, p, p);
    }
}
