package io.jdeepface.engine.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ShapeTest {
    @Test
    void elementCountAndToString() {
        Shape s = Shape.of(1, 3, 112, 112);
        assertEquals(3 * 112 * 112, s.elementCount());
        assertEquals("[1x3x112x112]", s.toString());
        assertEquals("[?x3]", Shape.of(Shape.DYNAMIC, 3).toString());
    }

    @Test
    void rejectsBadDimensions() {
        assertThrows(IllegalArgumentException.class, () -> Shape.of(1, -2));
        assertThrows(IllegalStateException.class, () -> Shape.of(Shape.DYNAMIC, 2).elementCount());
        assertThrows(ArithmeticException.class, () -> Shape.of(1L << 40, 1L << 40).elementCount());
    }

    @Property
    void dimsAreCopied(@ForAll @IntRange(min = 0, max = 1000) int a) {
        long[] d = {a, 2};
        Shape s = new Shape(d);
        d[0] = 7;
        assertEquals(a, s.dim(0));
    }
}
