package io.jdeepface.engine.graph;

import java.util.Arrays;

/** A node attribute: one of a few plain value kinds, as in ONNX. */
public sealed interface Attribute {

    record Int(long value) implements Attribute {}

    record Float(float value) implements Attribute {}

    record Str(String value) implements Attribute {}

    record Ints(long[] values) implements Attribute {
        public Ints {
            values = values.clone();
        }

        @Override
        public long[] values() {
            return values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ints i && Arrays.equals(values, i.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return Arrays.toString(values);
        }
    }

    record Floats(float[] values) implements Attribute {
        public Floats {
            values = values.clone();
        }

        @Override
        public float[] values() {
            return values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Floats f && Arrays.equals(values, f.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return Arrays.toString(values);
        }
    }

    /** A tensor-valued attribute, e.g. the value of an ONNX Constant node. */
    record TensorValue(Initializer value) implements Attribute {}
}
