package io.jdeepface.face.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SsdAnchorsTest {
    private final float[] front = SsdAnchors.centres(128, 8, 16, 16, 16);
    private final float[] back = SsdAnchors.centres(256, 16, 32, 32, 32);

    @Test
    void frontHas512FineAnd384CoarseAnchors() {
        assertEquals(2 * 896, front.length);
        assertEquals(896, SsdAnchors.count(128, 8, 16, 16, 16));
        // Fine grid 16x16, 2 anchors per cell: the first two share the centre of cell (0, 0).
        assertArrayEquals(new float[] {1 / 32f, 1 / 32f, 1 / 32f, 1 / 32f, 3 / 32f, 1 / 32f}, slice(front, 0, 3));
        // Last fine anchor: cell (15, 15).
        assertArrayEquals(new float[] {31 / 32f, 31 / 32f}, slice(front, 511, 1));
        // Coarse grid 8x8, 6 anchors per cell (three stride-16 layers of 2).
        for (int a = 512; a < 518; a++) {
            assertArrayEquals(new float[] {1 / 16f, 1 / 16f}, slice(front, a, 1));
        }
        assertArrayEquals(new float[] {3 / 16f, 1 / 16f}, slice(front, 518, 1));
        assertArrayEquals(new float[] {1 / 16f, 3 / 16f}, slice(front, 512 + 8 * 6, 1));
    }

    @Test
    void backHasTheSameNormalisedAnchors() {
        // 256 / 16 = 16 and 256 / 32 = 8: the same grids as the front model, twice the pixels per cell.
        assertArrayEquals(front, back);
    }

    @Test
    void gridSizeRoundsUp() {
        assertEquals(2 * 4 * 4, SsdAnchors.count(100, 32)); // ceil(100 / 32) = 4
        assertThrows(IllegalArgumentException.class, () -> SsdAnchors.centres(128));
        assertThrows(IllegalArgumentException.class, () -> SsdAnchors.centres(128, 0));
    }

    private static float[] slice(float[] centres, int firstAnchor, int anchors) {
        float[] out = new float[2 * anchors];
        System.arraycopy(centres, 2 * firstAnchor, out, 0, out.length);
        return out;
    }
}
