package io.jdeepface.engine.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model graph in the project's IR: ONNX op semantics, NCHW layout for images, nodes in
 * topological order. {@code valueInfos} holds the known type and shape of intermediate values.
 * Immutable; passes build new graphs.
 */
public record Graph(String name,
                    List<ValueInfo> inputs,
                    List<ValueInfo> outputs,
                    List<Node> nodes,
                    Map<String, Initializer> initializers,
                    Map<String, ValueInfo> valueInfos) {

    public Graph {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        nodes = List.copyOf(nodes);
        initializers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(initializers));
        valueInfos = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(valueInfos));
    }

    public Graph withNodes(List<Node> newNodes) {
        return new Graph(name, inputs, outputs, newNodes, initializers, valueInfos);
    }

    public Graph withInitializers(Map<String, Initializer> newInitializers) {
        return new Graph(name, inputs, outputs, nodes, newInitializers, valueInfos);
    }

    public Graph withValueInfos(Map<String, ValueInfo> newValueInfos) {
        return new Graph(name, inputs, outputs, nodes, initializers, newValueInfos);
    }

    public Graph withInputs(List<ValueInfo> newInputs) {
        return new Graph(name, newInputs, outputs, nodes, initializers, valueInfos);
    }

    public Graph withOutputs(List<ValueInfo> newOutputs) {
        return new Graph(name, inputs, newOutputs, nodes, initializers, valueInfos);
    }

    public Optional<Initializer> initializer(String valueName) {
        return Optional.ofNullable(initializers.get(valueName));
    }

    /** The type and shape of a value: a graph input or output, an initializer or an inferred value. */
    public Optional<ValueInfo> valueInfo(String valueName) {
        for (ValueInfo v : inputs) {
            if (v.name().equals(valueName)) {
                return Optional.of(v);
            }
        }
        Initializer init = initializers.get(valueName);
        if (init != null) {
            return Optional.of(new ValueInfo(valueName, init.type(), init.shape()));
        }
        ValueInfo v = valueInfos.get(valueName);
        if (v != null) {
            return Optional.of(v);
        }
        for (ValueInfo o : outputs) {
            if (o.name().equals(valueName)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** Number of nodes per op type, in first-seen order. */
    public Map<String, Integer> opCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Node n : nodes) {
            counts.merge(n.opType(), 1, Integer::sum);
        }
        return counts;
    }

    /** Nodes that read the given value. */
    public List<Node> consumers(String valueName) {
        List<Node> out = new ArrayList<>();
        for (Node n : nodes) {
            if (n.inputs().contains(valueName)) {
                out.add(n);
            }
        }
        return out;
    }

    /** The node that writes the given value, if any. */
    public Optional<Node> producer(String valueName) {
        for (Node n : nodes) {
            if (n.outputs().contains(valueName)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    public boolean isGraphOutput(String valueName) {
        for (ValueInfo o : outputs) {
            if (o.name().equals(valueName)) {
                return true;
            }
        }
        return false;
    }
}
