package io.jdeepface.face.detect;

/** Checks on what a {@link ModelRunner} returned, before a decoder indexes into it. */
final class RawOutputs {
    private RawOutputs() {}

    /** A clear error instead of an index error deep in a decoder when the model is not the one expected. */
    static void requireLength(String output, float[] values, int expected) {
        if (values == null) {
            throw new IllegalArgumentException("the model gave no output '" + output + "'");
        }
        if (values.length != expected) {
            throw new IllegalArgumentException("output '" + output + "' has " + values.length + " values, expected "
                    + expected + ": not the model this decoder is for");
        }
    }
}
