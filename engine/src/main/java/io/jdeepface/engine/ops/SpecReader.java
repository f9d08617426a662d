package io.jdeepface.engine.ops;

import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.InvalidGraphException;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Reads the static facts a kernel factory needs from a {@link KernelSpec} (dimensions, axes,
 * constant index inputs) and raises errors that name the node. Two kinds of failure:
 * {@link InvalidGraphException} when the node contradicts itself (shapes that do not fit the op),
 * {@link UnsupportedOperatorException} when the node is valid ONNX that the engine does not run.
 */
public final class SpecReader {
    private static final ValueLayout.OfLong LE_LONG =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt LE_INT =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort LE_SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private SpecReader() {}

    /** "node 'conv1' (Conv)": the prefix of every message about a node. */
    public static String describe(KernelSpec spec) {
        return "node '" + spec.node().name() + "' (" + spec.node().opType() + ")";
    }

    public static InvalidGraphException invalid(KernelSpec spec, String message) {
        return new InvalidGraphException(describe(spec) + ": " + message);
    }

    public static UnsupportedOperatorException unsupported(KernelSpec spec, String message) {
        return new UnsupportedOperatorException(describe(spec) + ": " + message);
    }

    /** Checks the number of node inputs (counting omitted optional ones) and outputs. */
    public static void requireArity(KernelSpec spec, int minInputs, int maxInputs, int outputs) {
        int in = spec.node().inputs().size();
        if (in < minInputs || in > maxInputs) {
            String range = minInputs == maxInputs ? Integer.toString(minInputs) : minInputs + ".." + maxInputs;
            throw invalid(spec, "expects " + range + " inputs, has " + in);
        }
        if (spec.node().outputs().size() < outputs || spec.outputs().size() < outputs) {
            throw invalid(spec, "expects " + outputs + " output(s), has " + spec.node().outputs().size());
        }
        for (int i = 0; i < minInputs; i++) {
            if (!spec.node().hasInput(i) || spec.input(i) == null) {
                throw invalid(spec, "required input " + i + " is missing");
            }
        }
    }

    /** The static dimensions of input {@code i}; its element count must fit an int. */
    public static int[] inputDims(KernelSpec spec, int i) {
        ValueInfo v = spec.input(i);
        if (v == null) {
            throw invalid(spec, "input " + i + " is missing");
        }
        return dims(spec, v);
    }

    public static int[] outputDims(KernelSpec spec, int i) {
        return dims(spec, spec.output(i));
    }

    /** Static dimensions as ints. Kernels address elements with int indices (tensors below 2^31). */
    public static int[] dims(KernelSpec spec, ValueInfo v) {
        Shape s = v.shape();
        if (!s.isStatic()) {
            throw invalid(spec, "value '" + v.name() + "' has a dynamic shape " + s
                    + "; kernels are built for concrete shapes");
        }
        long count = 1;
        int[] d = new int[s.rank()];
        for (int k = 0; k < d.length; k++) {
            long dim = s.dim(k);
            count *= Math.max(dim, 1);
            if (dim > Integer.MAX_VALUE || count > Integer.MAX_VALUE) {
                throw unsupported(spec, "value '" + v.name() + "' " + s + " has more than 2^31 elements");
            }
            d[k] = (int) dim;
        }
        return d;
    }

    public static int elementCount(int[] dims) {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    /** Contiguous row-major strides, in elements. */
    public static int[] strides(int[] dims) {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int k = dims.length - 1; k >= 0; k--) {
            s[k] = acc;
            acc *= dims[k];
        }
        return s;
    }

    /** An axis attribute or input value in [-rank, rank), made non-negative. */
    public static int axis(KernelSpec spec, long axis, int rank, String what) {
        if (axis < -rank || axis >= rank) {
            throw invalid(spec, what + " " + axis + " is out of range for rank " + rank);
        }
        return (int) (axis < 0 ? axis + rank : axis);
    }

    /** Requires the element type of a value to be one of {@code allowed}. */
    public static DataType requireType(KernelSpec spec, ValueInfo v, DataType... allowed) {
        for (DataType t : allowed) {
            if (v.type() == t) {
                return t;
            }
        }
        throw unsupported(spec, "value '" + v.name() + "' has type " + v.type()
                + "; supported: " + java.util.Arrays.toString(allowed));
    }

    /** The integer values of constant input {@code i} (starts, pads, axes...), or null if omitted. */
    public static long[] constantInts(KernelSpec spec, int i, String what) {
        if (!spec.node().hasInput(i)) {
            return null;
        }
        Initializer c = spec.constant(i);
        if (c == null) {
            throw unsupported(spec, what + " (input " + i + ", '" + spec.node().input(i)
                    + "') is computed at run time; only constant " + what + " are supported");
        }
        if (c.type() != DataType.INT64 && c.type() != DataType.INT32) {
            throw invalid(spec, what + " (input " + i + ") has type " + c.type() + ", expected int64 or int32");
        }
        return c.toLongArray();
    }

    /**
     * Constant data inputs copied once into native-order off-heap memory (initializers are
     * little-endian and may be heap or file backed); entry {@code i} is null when input {@code i}
     * is computed at run time. Kernels read a constant from here, never from the run's inputs.
     */
    public static MemorySegment[] constantInputs(KernelSpec spec) {
        int n = spec.node().inputs().size();
        MemorySegment[] out = new MemorySegment[n];
        for (int i = 0; i < n; i++) {
            Initializer c = spec.constant(i);
            if (c != null) {
                out[i] = nativeCopy(c);
            }
        }
        return out;
    }

    /** A copy of a constant in native byte order, 64-byte aligned, freed when unreachable. */
    public static MemorySegment nativeCopy(Initializer c) {
        long bytes = c.data().byteSize();
        MemorySegment dst = Arena.ofAuto().allocate(Math.max(bytes, 1), 64);
        int size = c.type().byteSize();
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN || size == 1) {
            MemorySegment.copy(c.data(), 0, dst, 0, bytes);
            return dst;
        }
        long n = bytes / size;
        for (long k = 0; k < n; k++) {
            switch (size) {
                case 2 -> dst.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, k, c.data().getAtIndex(LE_SHORT, k));
                case 4 -> dst.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, k, c.data().getAtIndex(LE_INT, k));
                default -> dst.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, k, c.data().getAtIndex(LE_LONG, k));
            }
        }
        return dst;
    }

    /** The run-time buffer of input {@code i}: the captured constant if there is one. */
    public static MemorySegment input(MemorySegment[] constants, MemorySegment[] inputs, int i) {
        MemorySegment c = i < constants.length ? constants[i] : null;
        return c != null ? c : inputs[i];
    }
}
