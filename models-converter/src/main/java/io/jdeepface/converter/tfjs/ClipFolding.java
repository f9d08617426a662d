package io.jdeepface.converter.tfjs;

import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keras exports ReLU6 as {@code Relu -> Minimum(6) -> Maximum(0)}. This pass turns Min and Max
 * against a scalar constant into one-sided Clips and merges chains of Relu and Clip into a single
 * Clip (opset-13 form: bounds are scalar inputs, an empty name leaves a side open).
 */
final class ClipFolding {
    private ClipFolding() {}

    /** Clip bounds; an absent side is infinite. */
    private record Bounds(float lo, String loName, float hi, String hiName) {}

    static Graph apply(Graph g) {
        Map<String, Initializer> inits = new LinkedHashMap<>(g.initializers());
        Set<String> used = new HashSet<>(inits.keySet());
        g.inputs().forEach(v -> used.add(v.name()));
        g.nodes().forEach(n -> used.addAll(n.outputs()));
        List<Node> nodes = new ArrayList<>();
        for (Node n : g.nodes()) {
            nodes.add(toClip(n, inits));
        }
        // Merge a Relu or Clip into the Clip that is its only consumer, until nothing changes.
        boolean changed = true;
        while (changed) {
            changed = false;
            Map<String, Integer> uses = useCounts(nodes, g);
            Map<String, Integer> producerIndex = new HashMap<>();
            for (int i = 0; i < nodes.size(); i++) {
                producerIndex.put(nodes.get(i).outputs().getFirst(), i);
            }
            for (int i = 0; i < nodes.size() && !changed; i++) {
                Node outer = nodes.get(i);
                if (!outer.opType().equals("Clip")) {
                    continue;
                }
                Integer j = producerIndex.get(outer.input(0));
                if (j == null || uses.getOrDefault(outer.input(0), 0) != 1) {
                    continue;
                }
                Node inner = nodes.get(j);
                Bounds b = bounds(inner, inits);
                Bounds o = bounds(outer, inits);
                if (b == null || o == null) {
                    continue; // not a Relu, or bounds that are not constant
                }
                Bounds merged = intersect(b, o, inits, used);
                if (merged == null) {
                    continue;
                }
                nodes.set(i, new Node(outer.name(), "Clip", List.of(inner.input(0), merged.loName(), merged.hiName()),
                        outer.outputs(), Map.of()));
                nodes.remove((int) j);
                changed = true;
            }
        }
        return g.withNodes(nodes).withInitializers(inits);
    }

    /** Min(x, c) and Max(x, c) with a float scalar constant c become Clip(x, -, c) and Clip(x, c, -). */
    private static Node toClip(Node n, Map<String, Initializer> inits) {
        boolean min = n.opType().equals("Min");
        if (!(min || n.opType().equals("Max")) || n.inputs().size() != 2) {
            return n;
        }
        int constIndex = isScalar(inits.get(n.input(1))) ? 1 : isScalar(inits.get(n.input(0))) ? 0 : -1;
        if (constIndex < 0) {
            return n;
        }
        String x = n.input(1 - constIndex);
        String c = n.input(constIndex);
        List<String> inputs = min ? List.of(x, "", c) : List.of(x, c, "");
        return new Node(n.name(), "Clip", inputs, n.outputs(), Map.of());
    }

    private static boolean isScalar(Initializer init) {
        return init != null && init.type() == DataType.FLOAT32 && init.shape().rank() == 0;
    }

    /** The bounds of a Relu or a Clip with constant bounds, else null. */
    private static Bounds bounds(Node n, Map<String, Initializer> inits) {
        if (n.opType().equals("Relu") && n.inputs().size() == 1) {
            return new Bounds(0f, null, Float.POSITIVE_INFINITY, "");
        }
        if (!n.opType().equals("Clip")) {
            return null;
        }
        float lo = Float.NEGATIVE_INFINITY;
        float hi = Float.POSITIVE_INFINITY;
        if (n.hasInput(1)) {
            if (!isScalar(inits.get(n.input(1)))) {
                return null;
            }
            lo = inits.get(n.input(1)).toFloatArray()[0];
        }
        if (n.hasInput(2)) {
            if (!isScalar(inits.get(n.input(2)))) {
                return null;
            }
            hi = inits.get(n.input(2)).toFloatArray()[0];
        }
        return new Bounds(lo, n.input(1), hi, n.input(2));
    }

    /**
     * clip(clip(x, a, b), c, d) = clip(x, max(a, c), min(b, d)) when that is a real interval.
     * A null bound name is Relu's 0, which has no initializer yet.
     */
    private static Bounds intersect(Bounds inner, Bounds outer, Map<String, Initializer> inits, Set<String> used) {
        float lo = Math.max(inner.lo(), outer.lo());
        float hi = Math.min(inner.hi(), outer.hi());
        if (Float.isNaN(lo) || Float.isNaN(hi) || lo > hi) {
            return null;
        }
        // Prefer the outer Clip's bound on ties: it is an initializer, Relu's 0 is not.
        String loName = outer.lo() >= inner.lo() ? outer.loName() : inner.loName();
        if (loName == null) {
            loName = zero(inits, used);
        }
        String hiName = outer.hi() <= inner.hi() ? outer.hiName() : inner.hiName();
        return new Bounds(lo, loName, hi, hiName);
    }

    private static String zero(Map<String, Initializer> inits, Set<String> used) {
        String name = "const_0.0";
        for (int i = 2; used.contains(name) && !isZero(inits.get(name)); i++) {
            name = "const_0.0_" + i;
        }
        inits.putIfAbsent(name, Initializer.ofFloats(name, Shape.scalar(), new float[] {0f}));
        used.add(name);
        return name;
    }

    private static boolean isZero(Initializer init) {
        return isScalar(init) && init.toFloatArray()[0] == 0f;
    }

    private static Map<String, Integer> useCounts(List<Node> nodes, Graph g) {
        Map<String, Integer> uses = new HashMap<>();
        for (Node n : nodes) {
            for (String in : n.inputs()) {
                uses.merge(in, 1, Integer::sum);
            }
        }
        for (var out : g.outputs()) {
            uses.merge(out.name(), 2, Integer::sum); // a graph output must stay
        }
        return uses;
    }
}
