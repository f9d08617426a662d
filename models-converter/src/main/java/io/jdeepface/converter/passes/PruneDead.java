package io.jdeepface.converter.passes;

import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ValueInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes nodes none of whose outputs reach a graph output, and initializers nothing reads.
 * Graph inputs stay even when unused: they are the model's interface.
 */
public final class PruneDead implements GraphPass {
    @Override
    public String name() {
        return "prune-dead";
    }

    @Override
    public Graph apply(Graph g) {
        Set<String> live = new HashSet<>();
        g.outputs().forEach(o -> live.add(o.name()));
        List<Node> kept = new ArrayList<>();
        List<Node> nodes = g.nodes();
        for (int i = nodes.size() - 1; i >= 0; i--) { // reverse topological order
            Node n = nodes.get(i);
            if (n.outputs().stream().anyMatch(live::contains)) {
                kept.add(n);
                live.addAll(n.inputs());
            }
        }
        Collections.reverse(kept);
        Map<String, Initializer> inits = new LinkedHashMap<>();
        for (Initializer init : g.initializers().values()) {
            if (live.contains(init.name())) {
                inits.put(init.name(), init);
            }
        }
        Map<String, ValueInfo> infos = GraphEdits.keepProduced(g.valueInfos(), kept);
        return new Graph(g.name(), g.inputs(), g.outputs(), kept, inits, infos);
    }
}
