package io.jdeepface.converter.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.engine.graph.Attribute;
import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphStatsTest {

    private static Initializer zeros(String name, long... dims) {
        return Initializer.ofFloats(name, Shape.of(dims), new float[Math.toIntExact(Shape.of(dims).elementCount())]);
    }

    @Test
    void countsParametersMacsAndOps() {
        Map<String, Initializer> inits = new LinkedHashMap<>();
        for (Initializer i : List.of(zeros("w", 8, 3, 3, 3), zeros("b", 8), zeros("dw", 8, 1, 3, 3),
                zeros("fc", 10, 8), zeros("m", 10, 4))) {
            inits.put(i.name(), i);
        }
        inits.put("shape", Initializer.ofLongs("shape", Shape.of(2), new long[] {0, -1})); // not a parameter
        List<Node> nodes = List.of(
                new Node("conv", "Conv", List.of("x", "w", "b"), List.of("c"),
                        Map.of("strides", new Attribute.Ints(new long[] {2, 2}), "pads", new Attribute.Ints(new long[] {1, 1, 1, 1}))),
                new Node("dw", "Conv", List.of("c", "dw"), List.of("d"), Map.of("group", new Attribute.Int(8))),
                new Node("gap", "GlobalAveragePool", List.of("d"), List.of("g"), Map.of()),
                new Node("flat", "Reshape", List.of("g", "shape"), List.of("f"), Map.of()),
                new Node("fc", "Gemm", List.of("f", "fc"), List.of("e"), Map.of("transB", new Attribute.Int(1))),
                new Node("mm", "MatMul", List.of("e", "m"), List.of("y"), Map.of()),
                new Node("act", "Relu", List.of("y"), List.of("z"), Map.of()));
        Graph g = new Graph("stats", List.of(new ValueInfo("x", DataType.FLOAT32, Shape.of(Shape.DYNAMIC, 3, 16, 16))),
                List.of(new ValueInfo("z", DataType.FLOAT32, Shape.scalar())), nodes, inits, Map.of());
        GraphStats s = GraphStats.of(g);
        assertEquals(8 * 27 + 8 + 8 * 9 + 80 + 40, s.parameterCount());
        long conv = 1L * 8 * 8 * 8 * 3 * 3 * 3;  // N·Cout·Hout·Wout·(Cin/group)·kH·kW, 16x16 -> 8x8
        long dw = 1L * 8 * 6 * 6 * 1 * 3 * 3;    // depthwise, no padding: 8x8 -> 6x6
        long fc = 1L * 10 * 8;                    // M·N·K
        long mm = 1L * 4 * 10;
        assertEquals(Map.of("conv", conv, "dw", dw, "gap", 0L, "flat", 0L, "fc", fc, "mm", mm, "act", 0L), s.macsByNode());
        assertEquals(conv + dw + fc + mm, s.totalMacs());
        assertEquals(2, s.opCounts().get("Conv"));
        assertTrue(s.summary().contains("Conv×2"), s.summary());
    }
}
