package io.jdeepface.converter.passes;

import io.jdeepface.engine.graph.Attribute;
import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ShapeInference;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves an activation into the Conv or Gemm before it, as the attributes of docs/ir.md
 * ({@code activation}, {@code activation_min}/{@code activation_max}, {@code activation_alpha},
 * PRelu slope as input 3 of shape [C]). Fuses Relu, Clip with constant bounds (attributes before
 * opset 11, inputs after), LeakyRelu, PRelu with a constant per-channel slope, and Sigmoid, when
 * the Conv/Gemm output is read by the activation only. First rewrites the TF pattern
 * {@code Min(Max(x, a), b)} (either order, scalar constants) to {@code Clip(x, a, b)}.
 */
public final class FuseActivation implements GraphPass {
    @Override
    public String name() {
        return "fuse-activation";
    }

    @Override
    public Graph apply(Graph graph) {
        Graph g = minMaxToClip(graph);
        Map<String, Integer> uses = GraphEdits.useCounts(g);
        Map<String, Node> consumers = GraphEdits.firstConsumers(g);
        Map<String, Initializer> inits = new LinkedHashMap<>(g.initializers());
        GraphEdits.Names names = new GraphEdits.Names(g);
        Graph shaped = null; // inferred lazily: only PRelu on a Gemm needs a shape
        List<Node> out = new ArrayList<>();
        java.util.Set<Node> fusedAway = new java.util.HashSet<>();
        for (Node n : g.nodes()) {
            if (fusedAway.contains(n)) {
                continue;
            }
            Node act = fusionPartner(n, g, uses, consumers);
            Node fused = null;
            if (act != null) {
                if (act.opType().equals("PRelu") && n.opType().equals("Gemm") && shaped == null) {
                    shaped = ShapeInference.infer(g);
                }
                fused = fuse(n, act, inits, names, shaped);
            }
            if (fused != null) {
                out.add(fused);
                fusedAway.add(act);
            } else {
                out.add(n);
            }
        }
        return new Graph(g.name(), g.inputs(), g.outputs(), out, inits, GraphEdits.keepProduced(g.valueInfos(), out));
    }

    private static Node fusionPartner(Node n, Graph g, Map<String, Integer> uses, Map<String, Node> consumers) {
        if (!(n.opType().equals("Conv") || n.opType().equals("Gemm")) || n.attributes().containsKey("activation")
                || n.outputs().size() != 1) {
            return null;
        }
        String out = n.outputs().get(0);
        if (uses.getOrDefault(out, 0) != 1 || g.isGraphOutput(out)) {
            return null;
        }
        Node c = consumers.get(out);
        return c != null && c.input(0).equals(out) && c.outputs().size() == 1 ? c : null;
    }

    /** The Conv/Gemm with the activation fused, or null when this activation cannot be fused. */
    private static Node fuse(Node n, Node act, Map<String, Initializer> inits, GraphEdits.Names names, Graph shaped) {
        Map<String, Attribute> put = new LinkedHashMap<>();
        List<String> inputs = new ArrayList<>(n.inputs());
        switch (act.opType()) {
            case "Relu", "Sigmoid" -> put.put("activation", new Attribute.Str(act.opType()));
            case "LeakyRelu" -> {
                put.put("activation", new Attribute.Str("LeakyRelu"));
                put.put("activation_alpha", new Attribute.Float(act.floatAttr("alpha", 0.01f)));
            }
            case "Clip" -> {
                float[] bounds = clipBounds(act, inits);
                if (bounds == null) {
                    return null;
                }
                put.put("activation", new Attribute.Str("Clip"));
                put.put("activation_min", new Attribute.Float(bounds[0]));
                put.put("activation_max", new Attribute.Float(bounds[1]));
            }
            case "PRelu" -> {
                long channels = outputChannels(n, inits, shaped);
                float[] slope = channels > 0 ? perChannelSlope(inits.get(act.input(1)), channels,
                        n.opType().equals("Conv") ? weightRank(n, inits) : 2) : null;
                if (slope == null) {
                    return null;
                }
                String name = names.fresh(n.name() + "_prelu_slope");
                inits.put(name, Initializer.ofFloats(name, Shape.of(channels), slope));
                while (inputs.size() < 3) {
                    inputs.add("");
                }
                inputs.add(name);
                put.put("activation", new Attribute.Str("PRelu"));
            }
            default -> {
                return null;
            }
        }
        return new Node(n.name(), n.opType(), inputs, act.outputs(), GraphEdits.attributes(n, put));
    }

    /** {min, max} of a Clip with constant bounds (missing bounds are infinite), else null. */
    static float[] clipBounds(Node clip, Map<String, Initializer> inits) {
        if (clip.attributes().containsKey("min") || clip.attributes().containsKey("max")) { // opset < 11
            return new float[] {clip.floatAttr("min", Float.NEGATIVE_INFINITY), clip.floatAttr("max", Float.POSITIVE_INFINITY)};
        }
        Float min = clip.hasInput(1) ? scalar(inits.get(clip.input(1))) : Float.valueOf(Float.NEGATIVE_INFINITY);
        Float max = clip.hasInput(2) ? scalar(inits.get(clip.input(2))) : Float.valueOf(Float.POSITIVE_INFINITY);
        return min == null || max == null ? null : new float[] {min, max};
    }

    /** The value of a one-element FLOAT32 initializer, else null. */
    static Float scalar(Initializer init) {
        return init != null && init.type() == DataType.FLOAT32 && init.elementCount() == 1 ? init.toFloatArray()[0] : null;
    }

    private static long outputChannels(Node n, Map<String, Initializer> inits, Graph shaped) {
        if (n.opType().equals("Conv")) {
            Initializer w = inits.get(n.input(1));
            return w == null ? -1 : w.shape().dim(0);
        }
        return shaped.valueInfo(n.outputs().get(0)).map(v -> v.shape().rank() == 2 ? v.shape().dim(1) : -1).orElse(-1L);
    }

    private static int weightRank(Node conv, Map<String, Initializer> inits) {
        return inits.get(conv.input(1)).shape().rank();
    }

    /**
     * The slope as [C] when it acts per channel on an output of the given rank, channel at dim 1:
     * after right-aligning its shape to the output ([C,1,1] or [1,C,1,1] for NCHW, [C] for N x C),
     * every dim but the channel's is 1. A single shared slope is repeated C times.
     */
    static float[] perChannelSlope(Initializer slope, long channels, int outputRank) {
        if (slope == null || slope.type() != DataType.FLOAT32 || slope.shape().rank() > outputRank) {
            return null;
        }
        long[] d = slope.shape().dims();
        int lead = outputRank - d.length;
        for (int i = 0; i < d.length; i++) {
            boolean channelDim = i + lead == 1;
            if (d[i] != 1 && !(channelDim && d[i] == channels)) {
                return null;
            }
        }
        float[] values = slope.toFloatArray();
        if (values.length == channels) {
            return values;
        }
        float[] repeated = new float[Math.toIntExact(channels)];
        Arrays.fill(repeated, values[0]);
        return repeated;
    }

    /** Rewrites Max(x, a) → Min(·, b) and Min(x, b) → Max(·, a) with scalar constants to Clip(x, a, b). */
    private static Graph minMaxToClip(Graph g) {
        Map<String, Integer> uses = GraphEdits.useCounts(g);
        Map<String, Node> consumers = GraphEdits.firstConsumers(g);
        Map<String, Initializer> inits = new LinkedHashMap<>(g.initializers());
        GraphEdits.Names names = new GraphEdits.Names(g);
        List<Node> out = new ArrayList<>();
        java.util.Set<Node> removed = new java.util.HashSet<>();
        for (Node first : g.nodes()) {
            if (removed.contains(first)) {
                continue;
            }
            Node clip = clipFrom(first, g, uses, consumers, inits, names);
            if (clip != null) {
                removed.add(consumers.get(first.outputs().get(0)));
                out.add(clip);
            } else {
                out.add(first);
            }
        }
        if (removed.isEmpty()) {
            return g;
        }
        return new Graph(g.name(), g.inputs(), g.outputs(), out, inits, GraphEdits.keepProduced(g.valueInfos(), out));
    }

    private static Node clipFrom(Node first, Graph g, Map<String, Integer> uses, Map<String, Node> consumers,
                                 Map<String, Initializer> inits, GraphEdits.Names names) {
        boolean maxFirst = first.opType().equals("Max");
        if (!(maxFirst || first.opType().equals("Min")) || first.inputs().size() != 2 || first.outputs().size() != 1) {
            return null;
        }
        int firstConst = boundIndex(first, inits);
        String mid = first.outputs().get(0);
        Node second = consumers.get(mid);
        if (firstConst < 0 || second == null || uses.getOrDefault(mid, 0) != 1 || g.isGraphOutput(mid)
                || second.inputs().size() != 2 || !second.opType().equals(maxFirst ? "Min" : "Max")) {
            return null;
        }
        int secondConst = boundIndex(second, inits);
        if (secondConst < 0 || !second.input(1 - secondConst).equals(mid)) {
            return null;
        }
        float firstBound = scalar(inits.get(first.input(firstConst)));
        float secondBound = scalar(inits.get(second.input(secondConst)));
        float lo = maxFirst ? firstBound : secondBound;
        float hi = maxFirst ? secondBound : firstBound;
        if (!(lo <= hi)) {
            return null; // Min(Max(x, 6), 0) is a constant, not a clip
        }
        String loName = names.fresh(first.name() + "_clip_min");
        String hiName = names.fresh(first.name() + "_clip_max");
        inits.put(loName, Initializer.ofFloats(loName, Shape.scalar(), new float[] {lo}));
        inits.put(hiName, Initializer.ofFloats(hiName, Shape.scalar(), new float[] {hi}));
        return new Node(first.name(), "Clip", List.of(first.input(1 - firstConst), loName, hiName),
                second.outputs(), Map.of());
    }

    /**
     * Which input of a binary Max/Min is a scalar float constant (rank 0 or [1], so that it
     * cannot change the other input's shape), or -1.
     */
    private static int boundIndex(Node n, Map<String, Initializer> inits) {
        for (int i = 0; i < 2; i++) {
            Initializer init = inits.get(n.input(i));
            if (scalar(init) != null && init.shape().rank() <= 1 && !inits.containsKey(n.input(1 - i))) {
                return i;
            }
        }
        return -1;
    }
}
