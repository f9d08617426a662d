package io.jdeepface.converter.stats;

import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ShapeInference;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Size and cost of a graph: parameters (elements of floating-point initializers), multiply-
 * accumulates per node and in total, and how many nodes of each op type. MACs: Conv
 * N·Cout·Hout·Wout·(Cin/group)·kH·kW, Gemm and MatMul M·N·K (times the batch dims); every other
 * op counts 0. A dynamic batch is counted as 1, so the figures are per image.
 */
public record GraphStats(long parameterCount, long totalMacs, Map<String, Long> macsByNode,
                         Map<String, Integer> opCounts) {

    public GraphStats {
        macsByNode = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(macsByNode));
        opCounts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(opCounts));
    }

    public static GraphStats of(Graph graph) {
        Map<String, Shape> batchOne = new HashMap<>();
        for (ValueInfo in : graph.inputs()) {
            long[] d = in.shape().dims();
            boolean dynamic = false;
            for (int i = 0; i < d.length; i++) {
                if (d[i] == Shape.DYNAMIC) {
                    d[i] = 1;
                    dynamic = true;
                }
            }
            if (dynamic) {
                batchOne.put(in.name(), new Shape(d));
            }
        }
        Graph g = ShapeInference.infer(graph, batchOne);
        long params = 0;
        for (Initializer init : g.initializers().values()) {
            if (init.type() == DataType.FLOAT32 || init.type() == DataType.FLOAT16) {
                params += init.elementCount();
            }
        }
        Map<String, Long> macs = new LinkedHashMap<>();
        long total = 0;
        for (Node n : g.nodes()) {
            long m = macs(n, g);
            macs.put(n.name(), m);
            total = Math.addExact(total, m);
        }
        return new GraphStats(params, total, macs, g.opCounts());
    }

    private static long macs(Node n, Graph g) {
        return switch (n.opType()) {
            case "Conv" -> {
                long outElements = shape(g, n.outputs().get(0)).elementCount();
                Shape w = shape(g, n.input(1)); // [Cout, Cin/group, k...]
                long perOutput = 1;
                for (int i = 1; i < w.rank(); i++) {
                    perOutput = Math.multiplyExact(perOutput, w.dim(i));
                }
                yield Math.multiplyExact(outElements, perOutput);
            }
            case "Gemm" -> {
                Shape a = shape(g, n.input(0));
                long k = n.intAttr("transA", 0) != 0 ? a.dim(0) : a.dim(1);
                yield Math.multiplyExact(shape(g, n.outputs().get(0)).elementCount(), k);
            }
            case "MatMul" -> {
                Shape a = shape(g, n.input(0));
                long k = a.dim(a.rank() - 1);
                yield Math.multiplyExact(shape(g, n.outputs().get(0)).elementCount(), k);
            }
            default -> 0L;
        };
    }

    private static Shape shape(Graph g, String value) {
        return g.valueInfo(value).orElseThrow().shape();
    }

    /** A few lines for a person: parameters, MACs, op counts. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("parameters: %,d%nMACs: %,d%nops:", parameterCount, totalMacs));
        opCounts.forEach((op, count) -> sb.append(' ').append(op).append('×').append(count));
        return sb.toString();
    }
}
