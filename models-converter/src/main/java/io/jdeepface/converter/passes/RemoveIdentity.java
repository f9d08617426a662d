package io.jdeepface.converter.passes;

import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.tensor.DataType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes nodes that pass their input through unchanged at inference: Identity, Dropout (when its
 * mask is unused), Pad whose constant pads are all zero, and Cast to the type the value already
 * has (recognized once value types are known, i.e. after shape inference). Readers of the output
 * read the input instead. When the output is a graph output, the input's producer is renamed to
 * write it directly; only a graph input or initializer passed straight to a graph output keeps
 * its Identity.
 */
public final class RemoveIdentity implements GraphPass {
    @Override
    public String name() {
        return "remove-identity";
    }

    @Override
    public Graph apply(Graph g) {
        Map<String, Integer> uses = GraphEdits.useCounts(g);
        Set<String> fixed = new HashSet<>(); // names that must keep their meaning
        g.inputs().forEach(v -> fixed.add(v.name()));
        g.outputs().forEach(v -> fixed.add(v.name()));
        fixed.addAll(g.initializers().keySet());

        // First decide, in order, which nodes go and how values are renamed.
        Map<String, String> readInstead = new HashMap<>(); // removed output -> its source
        Map<String, String> writeInstead = new HashMap<>(); // source -> graph output it now is
        List<Node> kept = new ArrayList<>();
        for (Node n : g.nodes()) {
            n = GraphEdits.renameInputs(n, readInstead);
            if (!isPassThrough(g, n, uses)) {
                kept.add(n);
                continue;
            }
            String in = n.input(0);
            String out = n.outputs().get(0);
            if (!g.isGraphOutput(out)) {
                readInstead.put(out, in);
            } else if (!fixed.contains(in) && !writeInstead.containsKey(in)) {
                writeInstead.put(in, out);
                fixed.add(in);
            } else {
                kept.add(n.opType().equals("Identity") ? n
                        : new Node(n.name(), "Identity", List.of(in), List.of(out), Map.of()));
            }
        }
        if (writeInstead.isEmpty()) {
            return g.withNodes(kept).withValueInfos(GraphEdits.keepProduced(g.valueInfos(), kept));
        }
        // A source that became a graph output: its producer writes the output name, readers follow.
        List<Node> renamed = new ArrayList<>();
        for (Node n : kept) {
            n = GraphEdits.renameInputs(n, writeInstead);
            List<String> outs = new ArrayList<>();
            for (String o : n.outputs()) {
                outs.add(writeInstead.getOrDefault(o, o));
            }
            renamed.add(n.withOutputs(outs));
        }
        Map<String, ValueInfo> infos = new HashMap<>(g.valueInfos());
        writeInstead.forEach((src, out) -> {
            ValueInfo v = infos.remove(src);
            if (v != null) {
                infos.put(out, new ValueInfo(out, v.type(), v.shape()));
            }
        });
        Map<String, ValueInfo> ordered = new java.util.LinkedHashMap<>();
        for (Node n : renamed) {
            for (String o : n.outputs()) {
                if (infos.containsKey(o)) {
                    ordered.put(o, infos.get(o));
                }
            }
        }
        return g.withNodes(renamed).withValueInfos(ordered);
    }

    private static boolean isPassThrough(Graph g, Node n, Map<String, Integer> uses) {
        if (n.inputs().isEmpty() || n.input(0).isEmpty() || n.outputs().isEmpty()) {
            return false;
        }
        return switch (n.opType()) {
            case "Identity" -> true;
            case "Dropout" -> n.outputs().size() == 1 || n.outputs().get(1).isEmpty()
                    || uses.getOrDefault(n.outputs().get(1), 0) == 0;
            case "Pad" -> zeroPads(g, n);
            case "Cast" -> g.valueInfo(n.input(0)).map(v -> {
                DataType to = DataType.fromOnnxCode((int) n.intAttr("to", -1));
                return v.type() == to;
            }).orElse(false);
            default -> false;
        };
    }

    private static boolean zeroPads(Graph g, Node n) {
        long[] pads;
        if (n.attributes().containsKey("pads")) {
            pads = n.intsAttr("pads", new long[0]);
        } else {
            Initializer init = g.initializers().get(n.input(1));
            if (init == null || !n.hasInput(1)) {
                return false;
            }
            pads = init.toLongArray();
        }
        for (long p : pads) {
            if (p != 0) {
                return false;
            }
        }
        return true;
    }
}
