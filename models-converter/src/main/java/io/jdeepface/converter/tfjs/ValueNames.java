package io.jdeepface.converter.tfjs;

import java.util.HashSet;
import java.util.Set;

/**
 * Value names of the IR being built. Every TF node name is reserved up front: a TF node's own
 * output keeps its name, and values the converter adds (transposes, converted constants) get a
 * fresh name derived from it that no TF node uses.
 */
final class ValueNames {
    private final Set<String> taken = new HashSet<>();

    ValueNames(Iterable<String> tfNodeNames) {
        for (String n : tfNodeNames) {
            taken.add(n);
        }
    }

    /** {@code base} if still free, else {@code base_2}, {@code base_3}, ...; the result is taken. */
    String fresh(String base) {
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }
}
