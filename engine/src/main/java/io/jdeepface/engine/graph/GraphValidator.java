package io.jdeepface.engine.graph;

import java.util.HashSet;
import java.util.Set;

/**
 * Structural checks every graph must pass before it is written or run: each value defined once,
 * each node input defined before the node (topological order), each graph output defined.
 */
public final class GraphValidator {
    private GraphValidator() {}

    public static void validate(Graph g) {
        Set<String> defined = new HashSet<>();
        for (ValueInfo in : g.inputs()) {
            define(defined, in.name(), "graph input");
        }
        for (String init : g.initializers().keySet()) {
            if (!defined.contains(init)) { // ONNX allows an initializer to double as an input
                defined.add(init);
            }
        }
        for (Node n : g.nodes()) {
            for (String in : n.inputs()) {
                if (!in.isEmpty() && !defined.contains(in)) {
                    throw new InvalidGraphException("node '" + n.name() + "' (" + n.opType()
                            + ") reads '" + in + "', which no earlier node, input or initializer defines");
                }
            }
            for (String out : n.outputs()) {
                if (!out.isEmpty()) {
                    define(defined, out, "output of node '" + n.name() + "'");
                }
            }
        }
        for (ValueInfo out : g.outputs()) {
            if (!defined.contains(out.name())) {
                throw new InvalidGraphException("graph output '" + out.name() + "' is never computed");
            }
        }
    }

    private static void define(Set<String> defined, String name, String what) {
        if (name.isEmpty()) {
            throw new InvalidGraphException("empty value name for " + what);
        }
        if (!defined.add(name)) {
            throw new InvalidGraphException("value '" + name + "' is defined twice (" + what + ")");
        }
    }
}
