package io.jdeepface.converter.passes;

import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ValueInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small helpers the passes share: fresh names, use counts, renaming values. */
final class GraphEdits {
    private GraphEdits() {}

    /** Hands out names that no value or node of the graph uses yet. */
    static final class Names {
        private final Set<String> used = new HashSet<>();

        Names(Graph g) {
            g.inputs().forEach(v -> used.add(v.name()));
            g.outputs().forEach(v -> used.add(v.name()));
            used.addAll(g.initializers().keySet());
            used.addAll(g.valueInfos().keySet());
            for (Node n : g.nodes()) {
                used.add(n.name());
                used.addAll(n.inputs());
                used.addAll(n.outputs());
            }
        }

        String fresh(String base) {
            String name = base;
            for (int i = 1; !used.add(name); i++) {
                name = base + "_" + i;
            }
            return name;
        }
    }

    /** How often each value is read: once per node input slot, once per graph output. */
    static Map<String, Integer> useCounts(Graph g) {
        Map<String, Integer> uses = new HashMap<>();
        for (Node n : g.nodes()) {
            for (String in : n.inputs()) {
                if (!in.isEmpty()) {
                    uses.merge(in, 1, Integer::sum);
                }
            }
        }
        for (ValueInfo o : g.outputs()) {
            uses.merge(o.name(), 1, Integer::sum);
        }
        return uses;
    }

    /** The first node that reads each value. */
    static Map<String, Node> firstConsumers(Graph g) {
        Map<String, Node> consumers = new HashMap<>();
        for (Node n : g.nodes()) {
            for (String in : n.inputs()) {
                consumers.putIfAbsent(in, n);
            }
        }
        return consumers;
    }

    static Map<String, Node> producers(Graph g) {
        Map<String, Node> producers = new HashMap<>();
        for (Node n : g.nodes()) {
            for (String out : n.outputs()) {
                if (!out.isEmpty()) {
                    producers.put(out, n);
                }
            }
        }
        return producers;
    }

    static Node renameInputs(Node n, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return n;
        }
        List<String> in = new ArrayList<>(n.inputs().size());
        boolean changed = false;
        for (String s : n.inputs()) {
            String r = renames.getOrDefault(s, s);
            changed |= !r.equals(s);
            in.add(r);
        }
        return changed ? n.withInputs(in) : n;
    }

    /** The value infos that still describe a value some node produces. */
    static Map<String, ValueInfo> keepProduced(Map<String, ValueInfo> infos, List<Node> nodes) {
        Set<String> produced = new HashSet<>();
        nodes.forEach(n -> produced.addAll(n.outputs()));
        Map<String, ValueInfo> kept = new LinkedHashMap<>();
        infos.forEach((k, v) -> {
            if (produced.contains(k)) {
                kept.put(k, v);
            }
        });
        return kept;
    }

    /** Node attributes with some entries added or replaced and some removed. */
    static Map<String, io.jdeepface.engine.graph.Attribute> attributes(
            Node n, Map<String, io.jdeepface.engine.graph.Attribute> put, String... remove) {
        Map<String, io.jdeepface.engine.graph.Attribute> m = new LinkedHashMap<>(n.attributes());
        for (String r : remove) {
            m.remove(r);
        }
        m.putAll(put);
        return m;
    }
}
