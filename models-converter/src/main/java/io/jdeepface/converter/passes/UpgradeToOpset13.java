package io.jdeepface.converter.passes;

import io.jdeepface.engine.graph.Attribute;
import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.InvalidGraphException;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ShapeInference;
import io.jdeepface.engine.ops.UnsupportedOperatorException;
import io.jdeepface.engine.tensor.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings nodes of an older opset to the opset-13 form the IR uses (docs/ir.md), so that later
 * passes and the engine see one form per op:
 *
 * <ul>
 *   <li>{@code Softmax} before opset 13 normalizes over all dims from {@code axis} on (default 1),
 *       flattened; opset 13 over the single dim {@code axis} (default -1). The two agree when at
 *       most one of the flattened dims is larger than 1; the node then gets that dim as explicit
 *       axis. Otherwise the conversion fails with {@link UnsupportedOperatorException}.</li>
 *   <li>Settings that became inputs: Slice {@code starts/ends/axes} (opset 10), Pad {@code pads}
 *       and {@code value} (11), Clip {@code min/max} (11), Split {@code split} (13), Unsqueeze and
 *       Squeeze {@code axes} (13) become constant inputs.</li>
 * </ul>
 * Pass the opset the source model imports for the default domain; TF.js graphs are already in
 * opset-13 form (pass 13).
 */
public final class UpgradeToOpset13 implements GraphPass {
    private final int sourceOpset;

    public UpgradeToOpset13(int sourceOpset) {
        if (sourceOpset < 1) {
            throw new IllegalArgumentException("opset must be positive, got " + sourceOpset);
        }
        this.sourceOpset = sourceOpset;
    }

    @Override
    public String name() {
        return "upgrade-to-opset-13";
    }

    @Override
    public Graph apply(Graph graph) {
        boolean oldSoftmax = sourceOpset < 13 && graph.nodes().stream().anyMatch(n -> n.opType().equals("Softmax"));
        Graph shaped = oldSoftmax ? ShapeInference.infer(graph) : graph;
        GraphEdits.Names names = new GraphEdits.Names(graph);
        Map<String, Initializer> inits = new LinkedHashMap<>(graph.initializers());
        List<Node> nodes = new ArrayList<>();
        for (Node n : graph.nodes()) {
            nodes.add(switch (n.opType()) {
                case "Softmax" -> sourceOpset < 13 ? softmax(n, shaped) : n;
                case "Slice" -> attributesToInputs(n, inits, names, "starts", "ends", "axes");
                case "Split" -> attributesToInputs(n, inits, names, "split");
                case "Unsqueeze", "Squeeze" -> attributesToInputs(n, inits, names, "axes");
                case "Pad" -> pad(n, inits, names);
                case "Clip" -> clip(n, inits, names);
                default -> n;
            });
        }
        return graph.withNodes(nodes).withInitializers(inits);
    }

    private static Node softmax(Node n, Graph shaped) {
        Shape s = shaped.valueInfo(n.input(0)).orElseThrow().shape();
        int rank = s.rank();
        long axis = n.intAttr("axis", 1);
        if (axis < -rank || axis >= rank) {
            throw new InvalidGraphException("node '" + n.name() + "' (Softmax): axis " + axis
                    + " is out of range for " + s);
        }
        int from = (int) (axis < 0 ? axis + rank : axis);
        int single = -1;
        for (int i = from; i < rank; i++) {
            if (s.dim(i) != 1) {
                if (single >= 0) {
                    throw new UnsupportedOperatorException("node '" + n.name() + "' (Softmax, opset < 13) normalizes "
                            + "over dims " + from + ".." + (rank - 1) + " of " + s + " together, which opset-13 "
                            + "Softmax cannot express");
                }
                single = i;
            }
        }
        long newAxis = single >= 0 ? single : rank - 1;
        return n.withAttributes(GraphEdits.attributes(n, Map.of("axis", new Attribute.Int(newAxis))));
    }

    /** Moves int-list attributes to the inputs after input 0, in order; an absent one stays empty. */
    private static Node attributesToInputs(Node n, Map<String, Initializer> inits, GraphEdits.Names names,
                                           String... keys) {
        if (!n.attributes().containsKey(keys[0])) {
            return n; // already in input form (or, for Split/Squeeze, using the default)
        }
        List<String> inputs = new ArrayList<>(List.of(n.input(0)));
        for (String key : keys) {
            long[] values = n.intsAttr(key, null);
            inputs.add(values == null ? "" : longs(inits, names, n.name() + "_" + key, values));
        }
        while (!inputs.isEmpty() && inputs.getLast().isEmpty()) {
            inputs.removeLast();
        }
        return new Node(n.name(), n.opType(), inputs, n.outputs(), GraphEdits.attributes(n, Map.of(), keys));
    }

    private static Node pad(Node n, Map<String, Initializer> inits, GraphEdits.Names names) {
        if (!n.attributes().containsKey("pads")) {
            return n;
        }
        List<String> inputs = new ArrayList<>(List.of(n.input(0), longs(inits, names, n.name() + "_pads", n.intsAttr("pads", null))));
        float value = n.floatAttr("value", 0f);
        if (value != 0f) {
            String name = names.fresh(n.name() + "_value");
            inits.put(name, Initializer.ofFloats(name, Shape.scalar(), new float[] {value}));
            inputs.add(name);
        }
        return new Node(n.name(), n.opType(), inputs, n.outputs(), GraphEdits.attributes(n, Map.of(), "pads", "value"));
    }

    private static Node clip(Node n, Map<String, Initializer> inits, GraphEdits.Names names) {
        if (!n.attributes().containsKey("min") && !n.attributes().containsKey("max")) {
            return n;
        }
        List<String> inputs = new ArrayList<>(List.of(n.input(0)));
        for (String key : new String[] {"min", "max"}) {
            if (n.attributes().containsKey(key)) {
                String name = names.fresh(n.name() + "_" + key);
                inits.put(name, Initializer.ofFloats(name, Shape.scalar(), new float[] {n.floatAttr(key, 0f)}));
                inputs.add(name);
            } else {
                inputs.add("");
            }
        }
        while (inputs.getLast().isEmpty()) {
            inputs.removeLast();
        }
        return new Node(n.name(), n.opType(), inputs, n.outputs(), GraphEdits.attributes(n, Map.of(), "min", "max"));
    }

    private static String longs(Map<String, Initializer> inits, GraphEdits.Names names, String base, long[] values) {
        String name = names.fresh(base);
        inits.put(name, Initializer.ofLongs(name, Shape.of(values.length), values));
        return name;
    }
}
