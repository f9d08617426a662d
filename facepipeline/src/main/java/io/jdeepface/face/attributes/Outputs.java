package io.jdeepface.face.attributes;

import java.util.Map;

/** Looks up a model output and checks its length, so a wrong model gives a clear error. */
final class Outputs {
    private Outputs() {
    }

    static float[] require(Map<String, float[]> outputs, String name, int length, String model) {
        float[] v = outputs.get(name);
        if (v == null) {
            throw new IllegalStateException(model + " model gave no output '" + name + "' (got " + outputs.keySet()
                    + "); is the right model installed?");
        }
        if (v.length != length) {
            throw new IllegalStateException(model + " output '" + name + "' has " + v.length + " values, expected "
                    + length);
        }
        return v;
    }
}
