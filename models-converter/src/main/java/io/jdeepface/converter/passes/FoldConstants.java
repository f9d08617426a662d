package io.jdeepface.converter.passes;

import io.jdeepface.engine.graph.ConstantTensor;
import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.InvalidGraphException;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ShapeInference;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.tensor.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces every node whose outputs are constant by initializers: Constant nodes, ConstantOfShape,
 * Shape of a static shape, and anything computed only from constants (the evaluator of
 * {@link ShapeInference#analyze} does the arithmetic). Graph inputs that double as initializers (old
 * ONNX exporters list weights as inputs) become plain constants first.
 *
 * <p><b>Dynamic batch rule.</b> When a graph input has a dynamic first dim, values are computed at
 * two probe batch sizes (2 and 3). A value equal in both does not depend on the batch and is
 * folded. A value that differs depends on the batch; where it is the target of a Reshape (the
 * Shape→Gather→Unsqueeze→Concat→Reshape chains PyTorch exports for {@code x.view(x.size(0), -1)}),
 * each batch-dependent entry of the target becomes {@code 0} (copy the input dim) when it equals
 * the data's dim at that position in both probes, otherwise {@code -1} if that is the only such
 * entry and the target has no other -1. The chain that computed it is then dead and
 * {@link PruneDead} removes it. Any other batch-dependent value stays computed at run time, and
 * {@link UnsupportedOperators} reports the Shape/Gather/... nodes left behind.
 *
 * <p>Before that, a batch of 1 that the exporter baked into a constant Reshape target is
 * generalized: {@code [1, -1]} becomes {@code [0, -1]} where the data's first dim is the dynamic
 * batch (and is 1 when the batch is 1). Constants of another kind that hold a batch of 1 (a
 * ConstantOfShape {@code [1, C, H, W]} concatenated to the data, say) make the probes fail with an
 * {@link InvalidGraphException} advising a static batch of 1.
 */
public final class FoldConstants implements GraphPass {
    /** Batch sizes at which a graph with a dynamic batch is evaluated. Not 1: size-1 dims broadcast. */
    static final long[] PROBE_BATCHES = {2, 3};

    @Override
    public String name() {
        return "fold-constants";
    }

    @Override
    public Graph apply(Graph graph) {
        Graph g = withoutConstantInputs(graph);
        boolean dynamicBatch = g.inputs().stream()
                .anyMatch(in -> in.shape().rank() > 0 && in.shape().dim(0) == Shape.DYNAMIC);
        Map<String, ConstantTensor> constants;
        Map<String, Reshaping> batchTargets = new HashMap<>();
        if (!dynamicBatch) {
            constants = ShapeInference.analyze(g, Map.of(), Long.MAX_VALUE).constants();
        } else {
            g = generalizeBatchOfOne(g);
            ShapeInference.Result a = probe(g, PROBE_BATCHES[0]);
            ShapeInference.Result b = probe(g, PROBE_BATCHES[1]);
            constants = new LinkedHashMap<>();
            a.constants().forEach((name, value) -> {
                if (value.equals(b.constants().get(name))) {
                    constants.put(name, value);
                }
            });
            findBatchDependentTargets(g, a, b, constants, batchTargets);
        }
        return rewrite(g, constants, batchTargets);
    }

    /** An initializer listed among the inputs is a constant here, not something callers feed. */
    private static Graph withoutConstantInputs(Graph g) {
        List<ValueInfo> inputs = g.inputs().stream().filter(in -> !g.initializers().containsKey(in.name())).toList();
        return inputs.size() == g.inputs().size() ? g : g.withInputs(inputs);
    }

    private static ShapeInference.Result probe(Graph g, long batch) {
        Map<String, Shape> shapes = new HashMap<>();
        for (ValueInfo in : g.inputs()) {
            if (in.shape().rank() > 0 && in.shape().dim(0) == Shape.DYNAMIC) {
                shapes.put(in.name(), in.shape().withDim(0, batch));
            }
        }
        try {
            return ShapeInference.analyze(g, shapes, Long.MAX_VALUE);
        } catch (InvalidGraphException e) {
            throw new InvalidGraphException("graph '" + g.name() + "' has a dynamic batch but fails at batch size "
                    + batch + " (" + e.getMessage() + "); the model probably supports batch 1 only: give its "
                    + "inputs a static batch of 1");
        }
    }

    /**
     * Exporters trace at batch 1 and often bake that 1 into constant Reshape targets
     * ({@code x.view(1, -1)}). Where the data's first dim is the dynamic batch and is 1 at batch 1,
     * a constant target starting with 1 gets 0 instead (copy the batch): the same at batch 1, and
     * the only reading that keeps a batch apart at other sizes.
     */
    private static Graph generalizeBatchOfOne(Graph g) {
        ShapeInference.Result one;
        try {
            one = probe(g, 1);
        } catch (InvalidGraphException e) {
            throw new InvalidGraphException("graph '" + g.name() + "' fails at batch size 1: " + e.getMessage());
        }
        // A rewritten Reshape passes the dynamic batch on, which may expose the next one: repeat.
        while (true) {
            ShapeInference.Result dynamic = ShapeInference.analyze(g, Map.of(), Long.MAX_VALUE);
            GraphEdits.Names names = new GraphEdits.Names(g);
            Map<String, Initializer> inits = new LinkedHashMap<>(g.initializers());
            List<Node> nodes = new ArrayList<>();
            boolean changed = false;
            for (Node n : g.nodes()) {
                long[] target = n.opType().equals("Reshape") && n.intAttr("allowzero", 0) == 0
                        ? constantTarget(n.input(1), g, dynamic) : null;
                if (target != null && target.length > 0 && target[0] == 1
                        && firstDim(dynamic, n.input(0)) == Shape.DYNAMIC && firstDim(one, n.input(0)) == 1) {
                    target[0] = 0;
                    String name = names.fresh(n.input(1) + "_batch_generic");
                    inits.put(name, Initializer.ofLongs(name, Shape.of(target.length), target));
                    n = n.withInputs(List.of(n.input(0), name));
                    changed = true;
                }
                nodes.add(n);
            }
            if (!changed) {
                return g;
            }
            g = g.withNodes(nodes).withInitializers(inits);
        }
    }

    private static long firstDim(ShapeInference.Result r, String value) {
        Shape s = r.graph().valueInfo(value).map(ValueInfo::shape).orElse(Shape.scalar());
        return s.rank() > 0 ? s.dim(0) : 0;
    }

    private static long[] constantTarget(String name, Graph g, ShapeInference.Result r) {
        Initializer init = g.initializers().get(name);
        if (init != null) {
            return init.toLongArray();
        }
        ConstantTensor c = r.constants().get(name);
        return c != null && !c.isFloat() ? c.longs().clone() : null;
    }

    /** A Reshape whose target depends on the batch, and the batch-independent target to use. */
    private record Reshaping(String node, long[] target) {}

    private static void findBatchDependentTargets(Graph g, ShapeInference.Result a, ShapeInference.Result b,
                                                  Map<String, ConstantTensor> constants,
                                                  Map<String, Reshaping> out) {
        for (Node n : g.nodes()) {
            if (!n.opType().equals("Reshape") || n.intAttr("allowzero", 0) != 0 || constants.containsKey(n.input(1))) {
                continue;
            }
            ConstantTensor ta = a.constants().get(n.input(1));
            ConstantTensor tb = b.constants().get(n.input(1));
            if (ta == null || tb == null || ta.size() != tb.size()) {
                continue;
            }
            long[] target = generalize(ta.longs(), tb.longs(),
                    a.graph().valueInfo(n.input(0)).orElseThrow().shape(),
                    b.graph().valueInfo(n.input(0)).orElseThrow().shape());
            if (target != null) {
                out.put(n.name(), new Reshaping(n.name(), target));
            }
        }
    }

    /** The batch-independent form of a target seen as {@code ta} and {@code tb}, or null. */
    static long[] generalize(long[] ta, long[] tb, Shape dataA, Shape dataB) {
        long[] target = ta.clone();
        int inferred = -1;
        for (int i = 0; i < ta.length; i++) {
            if (ta[i] == tb[i]) {
                continue;
            }
            boolean copies = i < dataA.rank() && dataA.dim(i) == ta[i] && dataB.dim(i) == tb[i];
            if (copies) {
                target[i] = 0;
            } else if (inferred < 0) {
                inferred = i;
            } else {
                return null;
            }
        }
        if (inferred >= 0) {
            for (int i = 0; i < ta.length; i++) {
                if (i != inferred && ta[i] == -1) {
                    return null;
                }
            }
            target[inferred] = -1;
        }
        return target;
    }

    private static Graph rewrite(Graph g, Map<String, ConstantTensor> constants, Map<String, Reshaping> batchTargets) {
        GraphEdits.Names names = new GraphEdits.Names(g);
        Map<String, Initializer> inits = new LinkedHashMap<>(g.initializers());
        List<Node> kept = new ArrayList<>();
        Set<String> needed = new HashSet<>();
        Set<String> foldedValues = new java.util.LinkedHashSet<>();
        g.outputs().forEach(o -> needed.add(o.name()));
        for (Node n : g.nodes()) {
            boolean folded = !n.outputs().isEmpty()
                    && n.outputs().stream().allMatch(o -> o.isEmpty() || constants.containsKey(o));
            if (folded) {
                foldedValues.addAll(n.outputs());
                continue;
            }
            Reshaping r = batchTargets.get(n.name());
            if (r != null) {
                String target = names.fresh(n.input(1) + "_batch_generic");
                inits.put(target, Initializer.ofLongs(target, Shape.of(r.target().length), r.target()));
                n = n.withInputs(List.of(n.input(0), target));
            }
            kept.add(n);
            needed.addAll(n.inputs());
        }
        for (String value : foldedValues) {
            if (needed.contains(value)) {
                inits.put(value, constants.get(value).toInitializer(value));
            }
        }
        return new Graph(g.name(), g.inputs(), g.outputs(), kept, inits,
                GraphEdits.keepProduced(g.valueInfos(), kept));
    }
}
