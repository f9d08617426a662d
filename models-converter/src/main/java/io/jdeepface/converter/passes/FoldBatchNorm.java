package io.jdeepface.converter.passes;

import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.InvalidGraphException;
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
 * Removes inference-mode BatchNormalization. With s = scale / sqrt(var + epsilon) per channel,
 * BN(x) = s * x + (bias - mean * s).
 *
 * <ul>
 *   <li>After a Conv whose output nothing else reads (and that has no fused activation): the
 *       Conv's weights are scaled per output channel and its bias becomes (b - mean) * s + bias; a
 *       bias is created if the Conv had none.</li>
 *   <li>Anywhere else: a {@code Mul} by s then an {@code Add} of the shift, both shaped
 *       [C, 1, ..., 1] so they broadcast over dim 1 of the input ([C,1,1] for NCHW, [C] for N x C).</li>
 * </ul>
 * Only BNs whose four parameters are FLOAT32 initializers and that have a single output are
 * rewritten. Arithmetic is done in double, then rounded to float.
 */
public final class FoldBatchNorm implements GraphPass {
    @Override
    public String name() {
        return "fold-batch-norm";
    }

    @Override
    public Graph apply(Graph graph) {
        if (graph.nodes().stream().noneMatch(FoldBatchNorm::foldable)) {
            return graph;
        }
        Graph g = ShapeInference.infer(graph); // the lone case needs the input rank
        GraphEdits.Names names = new GraphEdits.Names(g);
        Map<String, Integer> uses = GraphEdits.useCounts(g);
        Map<String, Node> producers = GraphEdits.producers(g);
        Map<String, Initializer> inits = new LinkedHashMap<>(g.initializers());
        List<Node> nodes = new ArrayList<>(g.nodes());
        for (int i = 0; i < nodes.size(); i++) {
            Node bn = nodes.get(i);
            if (!foldable(bn) || !allConstant(bn, inits)) {
                continue;
            }
            double[][] st = scaleAndShift(bn, inits);
            Node conv = producers.get(bn.input(0));
            int convIndex = conv == null ? -1 : nodes.indexOf(conv);
            if (convIndex >= 0 && canFoldInto(conv, g, uses, inits)) {
                nodes.set(convIndex, foldIntoConv(conv, bn, st, inits, names));
                nodes.remove(i);
                i--;
            } else {
                int rank = g.valueInfo(bn.input(0)).orElseThrow().shape().rank();
                List<Node> mulAdd = toMulAdd(bn, st, rank, inits, names);
                nodes.remove(i);
                nodes.addAll(i, mulAdd);
                i++;
            }
        }
        return new Graph(g.name(), g.inputs(), g.outputs(), nodes, inits,
                GraphEdits.keepProduced(g.valueInfos(), nodes));
    }

    private static boolean foldable(Node n) {
        return n.opType().equals("BatchNormalization") && n.inputs().size() == 5
                && (n.outputs().size() == 1 || n.outputs().subList(1, n.outputs().size()).stream().allMatch(String::isEmpty))
                && n.intAttr("training_mode", 0) == 0;
    }

    private static boolean allConstant(Node bn, Map<String, Initializer> inits) {
        for (int i = 1; i <= 4; i++) {
            Initializer p = inits.get(bn.input(i));
            if (p == null || p.type() != DataType.FLOAT32) {
                return false;
            }
        }
        return true;
    }

    private static boolean canFoldInto(Node conv, Graph g, Map<String, Integer> uses, Map<String, Initializer> inits) {
        String out = conv.outputs().get(0);
        if (!conv.opType().equals("Conv") || conv.attributes().containsKey("activation")
                || uses.getOrDefault(out, 0) != 1 || g.isGraphOutput(out)) {
            return false;
        }
        Initializer w = inits.get(conv.input(1));
        Initializer b = conv.hasInput(2) ? inits.get(conv.input(2)) : null;
        return w != null && w.type() == DataType.FLOAT32 && (!conv.hasInput(2) || (b != null && b.type() == DataType.FLOAT32));
    }

    /** {s, shift} per channel. */
    private static double[][] scaleAndShift(Node bn, Map<String, Initializer> inits) {
        float[] scale = inits.get(bn.input(1)).toFloatArray();
        float[] bias = inits.get(bn.input(2)).toFloatArray();
        float[] mean = inits.get(bn.input(3)).toFloatArray();
        float[] var = inits.get(bn.input(4)).toFloatArray();
        double eps = bn.floatAttr("epsilon", 1e-5f);
        int c = scale.length;
        double[] s = new double[c];
        double[] shift = new double[c];
        for (int i = 0; i < c; i++) {
            s[i] = scale[i] / Math.sqrt(var[i] + eps);
            shift[i] = bias[i] - mean[i] * s[i];
        }
        return new double[][] {s, shift};
    }

    private static Node foldIntoConv(Node conv, Node bn, double[][] st, Map<String, Initializer> inits,
                                     GraphEdits.Names names) {
        Initializer w = inits.get(conv.input(1));
        float[] weights = w.toFloatArray();
        int outChannels = Math.toIntExact(w.shape().dim(0));
        if (st[0].length != outChannels) {
            throw new InvalidGraphException("node '" + bn.name() + "' (BatchNormalization) has "
                    + st[0].length + " channels but Conv '" + conv.name() + "' has " + outChannels);
        }
        int perChannel = weights.length / outChannels;
        float[] scaled = new float[weights.length];
        for (int m = 0; m < outChannels; m++) {
            for (int k = 0; k < perChannel; k++) {
                scaled[m * perChannel + k] = (float) (weights[m * perChannel + k] * st[0][m]);
            }
        }
        float[] oldBias = conv.hasInput(2) ? inits.get(conv.input(2)).toFloatArray() : new float[outChannels];
        float[] bias = new float[outChannels];
        for (int m = 0; m < outChannels; m++) {
            bias[m] = (float) (oldBias[m] * st[0][m] + st[1][m]);
        }
        String wName = names.fresh(conv.name() + "_bn_weight");
        String bName = names.fresh(conv.name() + "_bn_bias");
        inits.put(wName, Initializer.ofFloats(wName, w.shape(), scaled));
        inits.put(bName, Initializer.ofFloats(bName, Shape.of(outChannels), bias));
        List<String> in = new ArrayList<>(conv.inputs());
        while (in.size() < 3) {
            in.add("");
        }
        in.set(1, wName);
        in.set(2, bName);
        return new Node(conv.name(), conv.opType(), in, List.of(bn.outputs().get(0)), conv.attributes());
    }

    private static List<Node> toMulAdd(Node bn, double[][] st, int rank, Map<String, Initializer> inits,
                                       GraphEdits.Names names) {
        if (rank < 2) {
            throw new InvalidGraphException("node '" + bn.name()
                    + "' (BatchNormalization) needs an input of rank >= 2, got " + rank);
        }
        long[] dims = new long[rank - 1];
        Arrays.fill(dims, 1);
        dims[0] = st[0].length;
        String sName = names.fresh(bn.name() + "_scale");
        String tName = names.fresh(bn.name() + "_shift");
        String scaled = names.fresh(bn.name() + "_scaled");
        inits.put(sName, Initializer.ofFloats(sName, Shape.of(dims), toFloats(st[0])));
        inits.put(tName, Initializer.ofFloats(tName, Shape.of(dims), toFloats(st[1])));
        return List.of(
                new Node(names.fresh(bn.name() + "_mul"), "Mul", List.of(bn.input(0), sName), List.of(scaled), Map.of()),
                new Node(names.fresh(bn.name() + "_add"), "Add", List.of(scaled, tName), List.of(bn.outputs().get(0)), Map.of()));
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
