package io.jdeepface.engine.format;

import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.GraphValidator;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.InvalidGraphException;
import io.jdeepface.engine.graph.ValueInfo;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Rules a graph must meet to be stored, checked by the writer before writing and by the reader after
 * decoding, so that whatever one side accepts the other does too: {@link GraphValidator}'s
 * structural rules, plus the unambiguous naming the file relies on (maps keyed by the element's own
 * name, no graph output listed twice).
 */
final class StorageRules {
    private StorageRules() {}

    static void check(Graph graph) {
        GraphValidator.validate(graph);
        Set<String> outputs = new HashSet<>();
        for (ValueInfo out : graph.outputs()) {
            if (!outputs.add(out.name())) {
                throw new InvalidGraphException("graph output '" + out.name() + "' is listed twice");
            }
        }
        for (Map.Entry<String, Initializer> e : graph.initializers().entrySet()) {
            if (e.getValue() == null || !e.getKey().equals(e.getValue().name())) {
                throw new InvalidGraphException("initializer map key '" + e.getKey()
                        + "' differs from the initializer's name");
            }
        }
        for (Map.Entry<String, ValueInfo> e : graph.valueInfos().entrySet()) {
            if (e.getValue() == null || !e.getKey().equals(e.getValue().name())) {
                throw new InvalidGraphException("value info map key '" + e.getKey()
                        + "' differs from the value info's name");
            }
        }
    }
}
