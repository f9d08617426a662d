package io.jdeepface.engine.ops.layout;

import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.ops.KernelSpec;
import io.jdeepface.engine.ops.SpecReader;
import java.util.Arrays;

/** Checks shared by the data-movement ops. */
final class LayoutChecks {
    private LayoutChecks() {}

    /** The element size of a move from {@code in} to {@code out}; both must have the same type. */
    static int elementSize(KernelSpec spec, ValueInfo in, ValueInfo out) {
        if (in.type() != out.type()) {
            throw SpecReader.invalid(spec, "input '" + in.name() + "' is " + in.type() + " but output '"
                    + out.name() + "' is " + out.type());
        }
        int size = in.type().byteSize();
        if (!Elements.supportedSize(size)) {
            throw SpecReader.unsupported(spec, "element type " + in.type() + " is not supported");
        }
        return size;
    }

    static void requireOutput(KernelSpec spec, int[] expected, int output) {
        int[] actual = SpecReader.outputDims(spec, output);
        if (!Arrays.equals(expected, actual)) {
            throw SpecReader.invalid(spec, "output " + output + " has shape " + Arrays.toString(actual)
                    + ", expected " + Arrays.toString(expected));
        }
    }
}
