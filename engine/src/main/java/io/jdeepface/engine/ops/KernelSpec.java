package io.jdeepface.engine.ops;

import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ValueInfo;
import java.util.List;
import java.util.Map;

/**
 * What a kernel factory needs to build a {@link Kernel} for one node: the node, the static type and
 * shape of each input and output (same order as the node's; an omitted optional input has a null
 * entry), the constant inputs by value name (weights, to pre-pack at load), and whether to use the
 * Vector API variant or the scalar reference.
 */
public record KernelSpec(Node node, List<ValueInfo> inputs, List<ValueInfo> outputs,
                         Map<String, Initializer> constants, boolean vector) {

    public KernelSpec {
        inputs = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(inputs));
        outputs = List.copyOf(outputs);
        constants = Map.copyOf(constants);
    }

    /** The constant behind input {@code i}, or null when that input is computed at run time. */
    public Initializer constant(int i) {
        String name = node.input(i);
        return name.isEmpty() ? null : constants.get(name);
    }

    public ValueInfo input(int i) {
        return i < inputs.size() ? inputs.get(i) : null;
    }

    public ValueInfo output(int i) {
        return outputs.get(i);
    }
}
