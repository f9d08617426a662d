package io.jdeepface.engine.graph;

import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The value of a constant tensor, unpacked for computing: {@code FLOAT32} data as floats, integer
 * and boolean data widened to longs (the original type is kept for writing back). Used to evaluate
 * shape computations and to fold constant subgraphs. The arrays are shared, never modified.
 */
public final class ConstantTensor {
    private static final ValueLayout.OfFloat F32 =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32 =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final DataType type;
    private final Shape shape;
    private final float[] floats; // FLOAT32 only
    private final long[] longs;   // integer and BOOL types

    private ConstantTensor(DataType type, Shape shape, float[] floats, long[] longs) {
        if (!shape.isStatic()) {
            throw new IllegalArgumentException("a constant needs a static shape, not " + shape);
        }
        int n = Math.toIntExact(shape.elementCount());
        if ((floats != null ? floats.length : longs.length) != n) {
            throw new IllegalArgumentException("constant of shape " + shape + " needs " + n + " elements");
        }
        this.type = type;
        this.shape = shape;
        this.floats = floats;
        this.longs = longs;
    }

    public static ConstantTensor ofFloats(Shape shape, float[] values) {
        return new ConstantTensor(DataType.FLOAT32, shape, values, null);
    }

    /** An integer or boolean tensor; {@code type} must not be a floating-point type. */
    public static ConstantTensor ofLongs(DataType type, Shape shape, long[] values) {
        if (!isIntegral(type)) {
            throw new IllegalArgumentException(type + " is not an integer type");
        }
        return new ConstantTensor(type, shape, null, values);
    }

    public static ConstantTensor ofLongs(Shape shape, long[] values) {
        return ofLongs(DataType.INT64, shape, values);
    }

    /** A 1-D INT64 tensor, the usual form of a shape or axes list. */
    public static ConstantTensor vector(long... values) {
        return ofLongs(Shape.of(values.length), values);
    }

    /** Whether values of this type can be unpacked (FLOAT16 cannot). */
    public static boolean isSupported(DataType type) {
        return type == DataType.FLOAT32 || isIntegral(type);
    }

    public static boolean isIntegral(DataType type) {
        return switch (type) {
            case INT64, INT32, INT8, UINT8, BOOL -> true;
            case FLOAT32, FLOAT16 -> false;
        };
    }

    /** Unpacks an initializer, or returns null for an element type that cannot be evaluated. */
    public static ConstantTensor of(Initializer init) {
        if (init.type() == DataType.FLOAT32) {
            return ofFloats(init.shape(), init.toFloatArray());
        }
        if (isIntegral(init.type())) {
            return ofLongs(init.type(), init.shape(), init.toLongArray());
        }
        return null;
    }

    public DataType type() {
        return type;
    }

    public Shape shape() {
        return shape;
    }

    public int size() {
        return floats != null ? floats.length : longs.length;
    }

    public boolean isFloat() {
        return floats != null;
    }

    /** The float data (shared, do not modify); only for {@code FLOAT32}. */
    public float[] floats() {
        if (floats == null) {
            throw new IllegalStateException("constant is " + type + ", not FLOAT32");
        }
        return floats;
    }

    /** The integer data (shared, do not modify); only for integer and boolean types. */
    public long[] longs() {
        if (longs == null) {
            throw new IllegalStateException("constant is " + type + ", not an integer type");
        }
        return longs;
    }

    /** Element {@code i} as a double, whatever the type. */
    public double get(int i) {
        return floats != null ? floats[i] : longs[i];
    }

    public ConstantTensor reshaped(Shape newShape) {
        return new ConstantTensor(type, newShape, floats, longs);
    }

    /** Packs the value as a little-endian initializer in its own type. */
    public Initializer toInitializer(String name) {
        int n = size();
        MemorySegment seg = MemorySegment.ofArray(new byte[Math.multiplyExact(n, type.byteSize())]);
        for (int i = 0; i < n; i++) {
            switch (type) {
                case FLOAT32 -> seg.setAtIndex(F32, i, floats[i]);
                case INT64 -> seg.setAtIndex(I64, i, longs[i]);
                case INT32 -> seg.setAtIndex(I32, i, (int) longs[i]);
                case INT8, UINT8 -> seg.set(ValueLayout.JAVA_BYTE, i, (byte) longs[i]);
                case BOOL -> seg.set(ValueLayout.JAVA_BYTE, i, (byte) (longs[i] != 0 ? 1 : 0));
                case FLOAT16 -> throw new IllegalStateException("FLOAT16 constants are not evaluated");
            }
        }
        return new Initializer(name, type, shape, seg);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConstantTensor c && type == c.type && shape.equals(c.shape)
                && Arrays.equals(floats, c.floats) && Arrays.equals(longs, c.longs);
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + (floats != null ? Arrays.hashCode(floats) : Arrays.hashCode(longs));
    }

    @Override
    public String toString() {
        String data = floats != null ? Arrays.toString(Arrays.copyOf(floats, Math.min(16, floats.length)))
                : Arrays.toString(Arrays.copyOf(longs, Math.min(16, longs.length)));
        return type + shape.toString() + (size() > 16 ? data.replace("]", ", ...]") : data);
    }
}
