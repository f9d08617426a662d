package io.jdeepface.engine.exec;

import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ShapeInference;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.memory.LifetimePlanner;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelSpec;
import io.jdeepface.engine.ops.OpRegistry;
import io.jdeepface.engine.tensor.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything fixed for one set of input shapes: a kernel per node and, for every computed value, an
 * offset in the activation arena (from {@link LifetimePlanner}). Immutable once built, so sessions
 * with the same input shapes could share it; each session owns its own arena.
 */
final class ExecutionPlan {
    /** Where a node input comes from at run time. */
    enum Source { GRAPH_INPUT, CONSTANT, ARENA, ABSENT }

    record Slot(Source source, int index, long offset, long bytes, String name) {}

    record Step(Node node, Kernel kernel, Slot[] inputs, Slot[] outputs) {}

    final Graph shapedGraph;
    final List<Step> steps;
    final Map<String, Slot> outputs;
    final long arenaBytes;

    private ExecutionPlan(Graph shapedGraph, List<Step> steps, Map<String, Slot> outputs, long arenaBytes) {
        this.shapedGraph = shapedGraph;
        this.steps = steps;
        this.outputs = outputs;
        this.arenaBytes = arenaBytes;
    }

    static ExecutionPlan build(Graph graph, Map<String, Shape> inputShapes, boolean vector) {
        Graph g = ShapeInference.infer(graph, inputShapes);
        List<Node> nodes = g.nodes();
        Map<String, Integer> inputIndex = new HashMap<>();
        for (int i = 0; i < g.inputs().size(); i++) {
            inputIndex.put(g.inputs().get(i).name(), i);
        }

        // Lifetimes of computed values: written at the producing step, read until the last consumer.
        Map<String, Integer> first = new HashMap<>();
        Map<String, Integer> last = new HashMap<>();
        for (int s = 0; s < nodes.size(); s++) {
            for (String out : nodes.get(s).outputs()) {
                if (!out.isEmpty()) {
                    first.put(out, s);
                    last.put(out, s);
                }
            }
            for (String in : nodes.get(s).inputs()) {
                if (first.containsKey(in)) {
                    last.put(in, s);
                }
            }
        }
        for (ValueInfo out : g.outputs()) {
            if (last.containsKey(out.name())) {
                last.put(out.name(), nodes.size());
            }
        }
        List<String> computed = new ArrayList<>(first.keySet());
        computed.sort(java.util.Comparator.<String>comparingInt(first::get).thenComparing(java.util.Comparator.naturalOrder()));
        List<LifetimePlanner.Request> requests = new ArrayList<>();
        for (String v : computed) {
            requests.add(new LifetimePlanner.Request(bytesOf(g, v), first.get(v), last.get(v)));
        }
        LifetimePlanner.Plan memory = LifetimePlanner.plan(requests);
        Map<String, Slot> arenaSlots = new HashMap<>();
        for (int i = 0; i < computed.size(); i++) {
            String v = computed.get(i);
            arenaSlots.put(v, new Slot(Source.ARENA, i, memory.offsets()[i], requests.get(i).bytes(), v));
        }

        List<Step> steps = new ArrayList<>();
        for (Node node : nodes) {
            List<ValueInfo> inInfos = new ArrayList<>();
            Map<String, Initializer> constants = new HashMap<>();
            Slot[] inSlots = new Slot[node.inputs().size()];
            for (int i = 0; i < inSlots.length; i++) {
                String in = node.input(i);
                if (in.isEmpty()) {
                    inInfos.add(null);
                    inSlots[i] = new Slot(Source.ABSENT, -1, 0, 0, "");
                    continue;
                }
                inInfos.add(info(g, in));
                Initializer init = g.initializers().get(in);
                if (init != null) {
                    constants.put(in, init);
                    inSlots[i] = new Slot(Source.CONSTANT, -1, 0, init.data().byteSize(), in);
                } else if (inputIndex.containsKey(in)) {
                    inSlots[i] = new Slot(Source.GRAPH_INPUT, inputIndex.get(in), 0, bytesOf(g, in), in);
                } else {
                    inSlots[i] = arenaSlots.get(in);
                }
            }
            List<ValueInfo> outInfos = new ArrayList<>();
            Slot[] outSlots = new Slot[node.outputs().size()];
            for (int o = 0; o < outSlots.length; o++) {
                String out = node.outputs().get(o);
                outInfos.add(out.isEmpty() ? null : info(g, out));
                outSlots[o] = out.isEmpty() ? new Slot(Source.ABSENT, -1, 0, 0, "") : arenaSlots.get(out);
            }
            Kernel kernel = OpRegistry.create(new KernelSpec(node, inInfos, outInfos, constants, vector));
            steps.add(new Step(node, kernel, inSlots, outSlots));
        }
        Map<String, Slot> outs = new java.util.LinkedHashMap<>();
        for (ValueInfo out : g.outputs()) {
            Slot slot = arenaSlots.get(out.name());
            if (slot == null) {
                throw new io.jdeepface.engine.graph.InvalidGraphException(
                        "graph output '" + out.name() + "' is not computed by any node");
            }
            outs.put(out.name(), slot);
        }
        return new ExecutionPlan(g, List.copyOf(steps), outs, memory.arenaBytes());
    }

    static ValueInfo info(Graph g, String value) {
        return g.valueInfo(value).orElseThrow(() -> new io.jdeepface.engine.graph.InvalidGraphException(
                "no shape known for value '" + value + "'"));
    }

    private static long bytesOf(Graph g, String value) {
        ValueInfo v = info(g, value);
        return Math.multiplyExact(v.shape().elementCount(), (long) v.type().byteSize());
    }
}
