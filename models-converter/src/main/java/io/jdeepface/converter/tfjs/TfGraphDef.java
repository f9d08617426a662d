package io.jdeepface.converter.tfjs;

import io.jdeepface.converter.tfjs.JsonValue.JsonArray;
import io.jdeepface.converter.tfjs.JsonValue.JsonObject;
import io.jdeepface.engine.format.ModelFormatException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The nodes of {@code modelTopology}, checked (unique names, inputs that exist) and put in
 * topological order: a GraphDef does not promise one, and the IR needs it.
 */
record TfGraphDef(List<TfNode> nodes, Map<String, TfNode> byName) {

    TfGraphDef {
        nodes = List.copyOf(nodes);
        byName = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /** A data input: the producing node and which of its outputs ({@code "x:1"} is output 1 of x). */
    record TensorRef(String node, int output) {
        static TensorRef parse(String ref) {
            int colon = ref.lastIndexOf(':');
            if (colon > 0 && colon < ref.length() - 1 && colon >= ref.length() - 6) {
                String index = ref.substring(colon + 1);
                if (index.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return new TensorRef(ref.substring(0, colon), Integer.parseInt(index));
                }
            }
            return new TensorRef(ref, 0);
        }
    }

    static TfGraphDef read(JsonObject topology) throws ModelFormatException {
        JsonArray nodesJson = topology.require("node", "modelTopology").asArray("modelTopology.node");
        Map<String, TfNode> byName = new LinkedHashMap<>();
        for (int i = 0; i < nodesJson.size(); i++) {
            TfNode n = readNode(nodesJson.get(i), "modelTopology.node[" + i + "]");
            if (byName.putIfAbsent(n.name(), n) != null) {
                throw new ModelFormatException("modelTopology.node[" + i + "]: node name '" + n.name()
                        + "' is used twice");
            }
        }
        for (TfNode n : byName.values()) {
            for (String in : n.inputs()) {
                if (!byName.containsKey(TensorRef.parse(in).node())) {
                    throw new ModelFormatException(n.describe() + " reads '" + in
                            + "', but no node has that name");
                }
            }
        }
        return new TfGraphDef(topologicalOrder(byName), byName);
    }

    private static TfNode readNode(JsonValue json, String what) throws ModelFormatException {
        JsonObject o = json.asObject(what);
        String name = o.require("name", what).asString(what + ".name");
        String op = o.require("op", what).asString(what + ".op");
        if (name.isEmpty()) {
            throw new ModelFormatException(what + " has an empty name");
        }
        List<String> inputs = new ArrayList<>();
        JsonValue inputsJson = o.get("input");
        if (inputsJson != null) {
            JsonArray arr = inputsJson.asArray(what + ".input");
            for (int i = 0; i < arr.size(); i++) {
                String in = arr.get(i).asString(what + ".input[" + i + "]");
                if (in.startsWith("^")) {
                    continue; // control dependency: ordering only, no data
                }
                if (in.isEmpty()) {
                    throw new ModelFormatException(what + ".input[" + i + "] is empty");
                }
                inputs.add(in);
            }
        }
        Map<String, JsonObject> attrs = new HashMap<>();
        JsonValue attrJson = o.get("attr");
        if (attrJson != null) {
            for (Map.Entry<String, JsonValue> e : attrJson.asObject(what + ".attr").members().entrySet()) {
                attrs.put(e.getKey(), e.getValue().asObject(what + ".attr." + e.getKey()));
            }
        }
        return new TfNode(name, op, inputs, attrs);
    }

    /**
     * Kahn's algorithm, iterative so that a long chain cannot exhaust the stack. Among ready nodes
     * the one earliest in the file goes first, so a file already in order keeps its order.
     */
    private static List<TfNode> topologicalOrder(Map<String, TfNode> byName) throws ModelFormatException {
        Map<String, Integer> filePosition = new HashMap<>();
        for (TfNode n : byName.values()) {
            filePosition.put(n.name(), filePosition.size());
        }
        Map<String, Integer> pending = new HashMap<>();
        Map<String, List<TfNode>> consumers = new HashMap<>();
        for (TfNode n : byName.values()) {
            pending.put(n.name(), n.inputs().size());
            for (String in : n.inputs()) {
                consumers.computeIfAbsent(TensorRef.parse(in).node(), k -> new ArrayList<>()).add(n);
            }
        }
        PriorityQueue<TfNode> ready =
                new PriorityQueue<>(Comparator.comparing((TfNode n) -> filePosition.get(n.name())));
        for (TfNode n : byName.values()) {
            if (n.inputs().isEmpty()) {
                ready.add(n);
            }
        }
        List<TfNode> order = new ArrayList<>(byName.size());
        while (!ready.isEmpty()) {
            TfNode n = ready.poll();
            order.add(n);
            for (TfNode c : consumers.getOrDefault(n.name(), List.of())) {
                if (pending.merge(c.name(), -1, Integer::sum) == 0) {
                    ready.add(c);
                }
            }
        }
        if (order.size() != byName.size()) {
            for (TfNode n : byName.values()) {
                if (pending.get(n.name()) > 0) {
                    throw new ModelFormatException("the graph has a cycle through " + n.describe());
                }
            }
        }
        return order;
    }
}
