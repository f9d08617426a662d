package io.jdeepface.converter.tfjs;

import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.tensor.DataType;

/**
 * A TF tensor as the IR being built holds it: a computed value ({@code ir} names it) or a TF
 * constant ({@code constant}, kept in TF layout and turned into initializers on use).
 *
 * @param shape the TF shape (NHWC for images); {@code Shape.DYNAMIC} for unknown sizes
 */
record TfValue(String ir, DataType type, long[] shape, Initializer constant) {

    boolean isConstant() {
        return constant != null;
    }

    int rank() {
        return shape.length;
    }

    /** Computed 4-D values are NHWC images in TF and are held as NCHW in the IR. */
    boolean isImage() {
        return constant == null && shape.length == 4;
    }
}
