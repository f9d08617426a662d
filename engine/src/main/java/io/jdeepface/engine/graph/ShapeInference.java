package io.jdeepface.engine.graph;

import io.jdeepface.engine.tensor.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes the element type and shape of every value of a graph from the shapes of its inputs,
 * node by node in topological order, with ONNX semantics for every supported op.
 *
 * <p>Some shapes depend on values, not only shapes (a Reshape target computed by
 * Shape→Gather→Concat, Slice bounds, Pad amounts). Inference therefore also evaluates small
 * constant subgraphs as it goes. A dynamic dimension ({@link Shape#DYNAMIC}, in practice the batch)
 * propagates: a Shape of a tensor with a dynamic dim is not a constant, and whatever depends on it
 * becomes dynamic too (a Reshape whose target is computed from it gets all-dynamic dims).
 *
 * <p>Inconsistent graphs raise {@link InvalidGraphException} naming the node; op types without a
 * rule raise {@link io.jdeepface.engine.ops.UnsupportedOperatorException}.
 */
public final class ShapeInference {
    private static final System.Logger LOG = System.getLogger(ShapeInference.class.getName());

    /** Largest constant, in elements, that {@link #infer} evaluates while looking for shapes. */
    public static final long SHAPE_VALUE_LIMIT = 4096;

    /**
     * Hard cap on the elements of one node's evaluated outputs, whatever limit the caller asks
     * for (16M floats = 64 MiB), so a hostile ConstantOfShape cannot exhaust memory.
     */
    public static final long MAX_EVALUATED_ELEMENTS = 1L << 24;

    private ShapeInference() {}

    /**
     * The graph analysed: {@code graph} has its inputs (with the shapes used), its outputs and
     * {@code valueInfos} (every node output) filled in; {@code constants} holds the value of every
     * node output that turned out constant (within the evaluation limit), by value name.
     */
    public record Result(Graph graph, Map<String, ConstantTensor> constants) {
        public Result {
            constants = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(constants));
        }
    }

    /** Op types that have a shape rule. */
    public static Set<String> supportedOps() {
        return ShapeRules.SUPPORTED;
    }

    /** Infers with the input shapes the graph declares. */
    public static Graph infer(Graph graph) {
        return analyze(graph, Map.of(), SHAPE_VALUE_LIMIT).graph();
    }

    /**
     * Infers with some input shapes replaced, e.g. a concrete batch size for a dynamic batch dim
     * at load. A given shape must have the declared rank and agree with every declared static dim.
     */
    public static Graph infer(Graph graph, Map<String, Shape> inputShapes) {
        return analyze(graph, inputShapes, SHAPE_VALUE_LIMIT).graph();
    }

    /**
     * Infers shapes and evaluates every node whose inputs are constant and whose outputs have at
     * most {@code valueLimit} elements in all (and at most {@link #MAX_EVALUATED_ELEMENTS}).
     */
    public static Result analyze(Graph graph, Map<String, Shape> inputShapes, long valueLimit) {
        GraphValidator.validate(graph);
        Map<String, ValueInfo> infos = new HashMap<>();
        List<ValueInfo> inputs = new ArrayList<>();
        for (ValueInfo in : graph.inputs()) {
            Shape given = inputShapes.get(in.name());
            ValueInfo actual = given == null ? in : new ValueInfo(in.name(), in.type(), checkOverride(in, given));
            inputs.add(actual);
            infos.put(in.name(), actual);
        }
        for (String name : inputShapes.keySet()) {
            if (graph.inputs().stream().noneMatch(i -> i.name().equals(name))) {
                throw new InvalidGraphException("graph '" + graph.name() + "' has no input named '" + name + "'");
            }
        }
        for (Initializer init : graph.initializers().values()) { // an initializer wins over an input of that name
            infos.put(init.name(), new ValueInfo(init.name(), init.type(), init.shape()));
        }
        Values values = new Values(graph.initializers(), valueLimit);
        Map<String, ValueInfo> valueInfos = new LinkedHashMap<>();
        for (Node node : graph.nodes()) {
            List<ValueInfo> nodeInputs = new ArrayList<>();
            for (String in : node.inputs()) {
                nodeInputs.add(in.isEmpty() ? null : infos.get(in));
            }
            NodeView view = new NodeView(node, nodeInputs, values::get);
            List<ValueInfo> outs = inferNode(view);
            for (ValueInfo o : outs) {
                if (!o.name().isEmpty()) {
                    infos.put(o.name(), o);
                    valueInfos.put(o.name(), o);
                }
            }
            values.evaluate(view, outs);
        }
        List<ValueInfo> outputs = new ArrayList<>();
        for (ValueInfo declared : graph.outputs()) {
            ValueInfo inferred = infos.get(declared.name());
            if (inputShapes.isEmpty()) { // with other input shapes, other output shapes are expected
                warnIfDiffers(declared, inferred);
            }
            outputs.add(inferred);
        }
        Graph result = new Graph(graph.name(), inputs, outputs, graph.nodes(), graph.initializers(), valueInfos);
        return new Result(result, values.computed);
    }

    private static List<ValueInfo> inferNode(NodeView view) {
        List<ValueInfo> outs;
        try {
            outs = ShapeRules.infer(view);
        } catch (ArithmeticException | IllegalArgumentException e) { // overflow, negative or too many dims
            throw view.fail("shape cannot be computed: " + e.getMessage());
        }
        if (outs.size() != view.node().outputs().size()) {
            throw view.fail("has " + view.node().outputs().size() + " outputs, expected " + outs.size());
        }
        return outs;
    }

    private static Shape checkOverride(ValueInfo declared, Shape given) {
        Shape d = declared.shape();
        boolean ok = d.rank() == given.rank();
        for (int i = 0; ok && i < d.rank(); i++) {
            ok = d.dim(i) == Shape.DYNAMIC || d.dim(i) == given.dim(i);
        }
        if (!ok) {
            throw new InvalidGraphException("input '" + declared.name() + "' is declared " + d
                    + ", cannot be given shape " + given);
        }
        return given;
    }

    private static void warnIfDiffers(ValueInfo declared, ValueInfo inferred) {
        Shape d = declared.shape();
        Shape s = inferred.shape();
        boolean same = declared.type() == inferred.type() && (d.rank() == 0 || d.rank() == s.rank());
        for (int i = 0; same && d.rank() == s.rank() && i < d.rank(); i++) {
            same = d.dim(i) == Shape.DYNAMIC || s.dim(i) == Shape.DYNAMIC || d.dim(i) == s.dim(i);
        }
        if (!same) {
            LOG.log(System.Logger.Level.WARNING, "graph output ''{0}'' is declared {1}{2} but computes {3}{4}",
                    declared.name(), declared.type(), d, inferred.type(), s);
        }
    }

    /** Known constant values: initializers (unpacked on demand) and evaluated node outputs. */
    private static final class Values {
        private final Map<String, Initializer> initializers;
        private final long limit;
        private final Map<String, ConstantTensor> unpacked = new HashMap<>();
        final Map<String, ConstantTensor> computed = new LinkedHashMap<>();

        Values(Map<String, Initializer> initializers, long limit) {
            this.initializers = initializers;
            this.limit = limit;
        }

        ConstantTensor get(String name) {
            ConstantTensor c = computed.get(name);
            if (c != null) {
                return c;
            }
            Initializer init = initializers.get(name);
            if (init == null || init.elementCount() > limit || init.elementCount() > MAX_EVALUATED_ELEMENTS) {
                return null;
            }
            return unpacked.computeIfAbsent(name, n -> ConstantTensor.of(init));
        }

        void evaluate(NodeView view, List<ValueInfo> outs) {
            long total = 0;
            for (ValueInfo o : outs) {
                if (!o.shape().isStatic()) {
                    return;
                }
                total += o.shape().elementCount();
            }
            if (total > limit || total > MAX_EVALUATED_ELEMENTS) {
                return;
            }
            List<ConstantTensor> results;
            try {
                results = ConstantEvaluator.evaluate(view, outs);
            } catch (ArithmeticException | IllegalArgumentException e) {
                throw view.fail("cannot be evaluated: " + e.getMessage());
            }
            if (results == null) {
                return;
            }
            for (int i = 0; i < outs.size(); i++) {
                ValueInfo o = outs.get(i);
                ConstantTensor r = results.get(i);
                if (!r.shape().equals(o.shape()) || r.type() != o.type()) {
                    throw view.fail("evaluates to " + r.type() + r.shape() + " but its shape rule says "
                            + o.type() + o.shape());
                }
                if (!o.name().isEmpty()) {
                    computed.put(o.name(), r);
                }
            }
        }
    }
}
