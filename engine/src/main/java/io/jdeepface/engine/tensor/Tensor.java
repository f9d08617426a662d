package io.jdeepface.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * A dense row-major tensor in native byte order: the values a caller feeds to and gets back from
 * a session. Heap-backed tensors made by the factories here need no closing; a tensor wrapping a
 * caller's native segment lives as long as that segment's arena.
 */
public record Tensor(DataType type, Shape shape, MemorySegment data) {

    public Tensor {
        if (!shape.isStatic()) {
            throw new IllegalArgumentException("a tensor needs a static shape, got " + shape);
        }
        long bytes = Math.multiplyExact(shape.elementCount(), (long) type.byteSize());
        if (data.byteSize() != bytes) {
            throw new IllegalArgumentException(type + " " + shape + " needs " + bytes + " bytes, got " + data.byteSize());
        }
    }

    /** A float32 tensor holding a copy of {@code values}. */
    public static Tensor ofFloats(Shape shape, float... values) {
        if (shape.elementCount() != values.length) {
            throw new IllegalArgumentException(values.length + " values for shape " + shape);
        }
        MemorySegment seg = MemorySegment.ofArray(new float[values.length]);
        MemorySegment.copy(values, 0, seg, ValueLayout.JAVA_FLOAT, 0, values.length);
        return new Tensor(DataType.FLOAT32, shape, seg);
    }

    /** A zero-filled float32 tensor on the heap. */
    public static Tensor zeros(Shape shape) {
        return new Tensor(DataType.FLOAT32, shape,
                MemorySegment.ofArray(new float[Math.toIntExact(shape.elementCount())]));
    }

    public long elementCount() {
        return shape.elementCount();
    }

    public float getFloat(long index) {
        return data.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, index);
    }

    public float[] toFloatArray() {
        requireFloat();
        return data.toArray(ValueLayout.JAVA_FLOAT_UNALIGNED);
    }

    private void requireFloat() {
        if (type != DataType.FLOAT32) {
            throw new IllegalStateException("tensor is " + type + ", not FLOAT32");
        }
    }

    @Override
    public String toString() {
        long n = elementCount();
        String head = type == DataType.FLOAT32 && n > 0
                ? Arrays.toString(data.asSlice(0, Math.min(n, 6) * 4).toArray(ValueLayout.JAVA_FLOAT_UNALIGNED))
                : "";
        return "Tensor" + shape + " " + type + " " + (n > 6 ? head.replace("]", ", ...]") : head);
    }
}
