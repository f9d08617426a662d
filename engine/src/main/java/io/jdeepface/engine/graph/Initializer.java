package io.jdeepface.engine.graph;

import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A constant tensor of a graph (weights, biases, folded shapes). The data is little-endian and may
 * live on the heap (converter) or in a memory-mapped model file (engine); it is never copied here.
 */
public record Initializer(String name, DataType type, Shape shape, MemorySegment data) {
    private static final ValueLayout.OfFloat F32 =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32 =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    public Initializer {
        if (!shape.isStatic()) {
            throw new IllegalArgumentException("initializer " + name + " has a dynamic shape " + shape);
        }
        long expected = Math.multiplyExact(shape.elementCount(), (long) type.byteSize());
        if (data.byteSize() != expected) {
            throw new IllegalArgumentException("initializer " + name + ": " + data.byteSize()
                    + " bytes for " + type + shape + " (expected " + expected + ")");
        }
    }

    public static Initializer ofFloats(String name, Shape shape, float[] values) {
        MemorySegment seg = MemorySegment.ofArray(new byte[values.length * 4]);
        for (int i = 0; i < values.length; i++) {
            seg.setAtIndex(F32, i, values[i]);
        }
        return new Initializer(name, DataType.FLOAT32, shape, seg);
    }

    public static Initializer ofLongs(String name, Shape shape, long[] values) {
        MemorySegment seg = MemorySegment.ofArray(new byte[values.length * 8]);
        for (int i = 0; i < values.length; i++) {
            seg.setAtIndex(I64, i, values[i]);
        }
        return new Initializer(name, DataType.INT64, shape, seg);
    }

    public long elementCount() {
        return shape.elementCount();
    }

    public Initializer withName(String newName) {
        return new Initializer(newName, type, shape, data);
    }

    public Initializer withShape(Shape newShape) {
        return new Initializer(name, type, newShape, data);
    }

    public float[] toFloatArray() {
        requireType(DataType.FLOAT32);
        float[] out = new float[Math.toIntExact(elementCount())];
        // One bulk copy (byte-swapping if the platform is big-endian): an element loop through the
        // segment API runs interpreted at load and cost tenths of a second on a large model.
        MemorySegment.copy(data, F32, 0, out, 0, out.length);
        return out;
    }

    /** Integer contents widened to long (INT64, INT32, INT8, UINT8 and BOOL). */
    public long[] toLongArray() {
        long[] out = new long[Math.toIntExact(elementCount())];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (type) {
                case INT64 -> data.getAtIndex(I64, i);
                case INT32 -> data.getAtIndex(I32, i);
                case INT8 -> data.get(ValueLayout.JAVA_BYTE, i);
                case UINT8, BOOL -> data.get(ValueLayout.JAVA_BYTE, i) & 0xFF;
                default -> throw new IllegalStateException(
                        "initializer " + name + " is " + type + ", not an integer type");
            };
        }
        return out;
    }

    private void requireType(DataType t) {
        if (type != t) {
            throw new IllegalStateException("initializer " + name + " is " + type + ", not " + t);
        }
    }
}
