package io.jdeepface.engine.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.jdeepface.engine.graph.Attribute;
import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.ModelMetadata;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/** Graphs for the format tests, and structural comparison (initializer data compared byte by byte). */
final class TestGraphs {
    private TestGraphs() {}

    static final ModelMetadata METADATA = new ModelMetadata("tiny-face.onnx",
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "onnx", "0.1.0",
            Map.of("producer", "pytorch 2.1", "opset", "13", "input_layout", "NCHW"));

    /** A small face-embedding-like CNN with about 350 KB of weights and every attribute kind. */
    static Graph realistic() {
        Random random = new Random(42);
        Map<String, Initializer> inits = new LinkedHashMap<>();
        Consumer<Initializer> add = i -> inits.put(i.name(), i);
        add.accept(floats(random, "conv1.weight", 16, 3, 3, 3));
        add.accept(floats(random, "conv1.bias", 16));
        add.accept(floats(random, "bn1.scale", 16, 1, 1));
        add.accept(floats(random, "bn1.shift", 16, 1, 1));
        add.accept(floats(random, "conv2.weight", 32, 16, 3, 3));
        add.accept(floats(random, "conv2.bias", 32));
        add.accept(floats(random, "prelu.slope", 32));
        add.accept(floats(random, "conv3.weight", 64, 32, 3, 3));
        add.accept(Initializer.ofLongs("flatten.shape", Shape.of(2), new long[] {-1, 256}));
        add.accept(floats(random, "fc.weight", 256, 256));
        add.accept(floats(random, "fc.bias", 256));
        add.accept(new Initializer("quant.zero", DataType.UINT8, Shape.scalar(), MemorySegment.ofArray(new byte[] {7})));
        add.accept(new Initializer("empty", DataType.FLOAT32, Shape.of(0, 3), MemorySegment.ofArray(new byte[0])));

        List<Node> nodes = new ArrayList<>();
        nodes.add(new Node("conv1", "Conv", List.of("image", "conv1.weight", "conv1.bias"), List.of("c1"),
                Map.of("kernel_shape", new Attribute.Ints(new long[] {3, 3}),
                        "pads", new Attribute.Ints(new long[] {1, 1, 1, 1}),
                        "strides", new Attribute.Ints(new long[] {2, 2}),
                        "activation", new Attribute.Str("Clip"),
                        "activation_min", new Attribute.Float(0f),
                        "activation_max", new Attribute.Float(6f))));
        nodes.add(new Node("bn1.mul", "Mul", List.of("c1", "bn1.scale"), List.of("b1m"), Map.of()));
        nodes.add(new Node("bn1.add", "Add", List.of("b1m", "bn1.shift"), List.of("b1"), Map.of()));
        nodes.add(new Node("conv2", "Conv", List.of("b1", "conv2.weight", "conv2.bias", "prelu.slope"),
                List.of("c2"), Map.of("activation", new Attribute.Str("PRelu"),
                        "group", new Attribute.Int(1))));
        nodes.add(new Node("conv3", "Conv", List.of("c2", "conv3.weight", ""), List.of("c3"), Map.of()));
        nodes.add(new Node("pool", "GlobalAveragePool", List.of("c3"), List.of("p"), Map.of()));
        nodes.add(new Node("const", "Constant", List.of(), List.of("four"), Map.of("value",
                new Attribute.TensorValue(floats(random, "", 4)))));
        nodes.add(new Node("flatten", "Reshape", List.of("p", "flatten.shape"), List.of("f"), Map.of()));
        nodes.add(new Node("fc", "Gemm", List.of("f", "fc.weight", "fc.bias"), List.of("embedding"),
                Map.of("transB", new Attribute.Int(1),
                        "alpha", new Attribute.Float(1.0f),
                        "coefficients", new Attribute.Floats(new float[] {0.5f, -0.0f, Float.NaN}))));

        Map<String, ValueInfo> infos = new LinkedHashMap<>();
        infos.put("c1", new ValueInfo("c1", DataType.FLOAT32, Shape.of(Shape.DYNAMIC, 16, 56, 56)));
        infos.put("p", new ValueInfo("p", DataType.FLOAT32, Shape.of(Shape.DYNAMIC, 64, 1, 1)));
        return new Graph("tiny-face",
                List.of(new ValueInfo("image", DataType.FLOAT32, Shape.of(Shape.DYNAMIC, 3, 112, 112))),
                List.of(new ValueInfo("embedding", DataType.FLOAT32, Shape.of(Shape.DYNAMIC, 256))),
                nodes, inits, infos);
    }

    static Initializer floats(Random random, String name, long... dims) {
        Shape shape = Shape.of(dims);
        float[] values = new float[Math.toIntExact(shape.elementCount())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return Initializer.ofFloats(name, shape, values);
    }

    static void assertSameGraph(Graph expected, Graph actual) {
        assertEquals(expected.name(), actual.name(), "graph name");
        assertEquals(expected.inputs(), actual.inputs(), "inputs");
        assertEquals(expected.outputs(), actual.outputs(), "outputs");
        assertEquals(List.copyOf(expected.valueInfos().entrySet()), List.copyOf(actual.valueInfos().entrySet()),
                "value infos, in order");
        assertEquals(List.copyOf(expected.initializers().keySet()), List.copyOf(actual.initializers().keySet()),
                "initializer names, in order");
        for (Initializer e : expected.initializers().values()) {
            assertSameTensor(e, actual.initializers().get(e.name()));
        }
        assertEquals(expected.nodes().size(), actual.nodes().size(), "node count");
        for (int i = 0; i < expected.nodes().size(); i++) {
            Node e = expected.nodes().get(i);
            Node a = actual.nodes().get(i);
            String where = "node #" + i + " " + e.name();
            assertEquals(e.name(), a.name(), where);
            assertEquals(e.opType(), a.opType(), where);
            assertEquals(e.inputs(), a.inputs(), where);
            assertEquals(e.outputs(), a.outputs(), where);
            assertEquals(e.attributes().keySet(), a.attributes().keySet(), where);
            for (Map.Entry<String, Attribute> attr : e.attributes().entrySet()) {
                Attribute actualAttr = a.attributes().get(attr.getKey());
                if (attr.getValue() instanceof Attribute.TensorValue(Initializer t)) {
                    assertSameTensor(t, assertInstanceOf(Attribute.TensorValue.class, actualAttr).value());
                } else {
                    assertEquals(attr.getValue(), actualAttr, where + " attribute " + attr.getKey());
                }
            }
        }
    }

    static void assertSameTensor(Initializer expected, Initializer actual) {
        assertEquals(expected.name(), actual.name());
        assertEquals(expected.type(), actual.type(), expected.name());
        assertEquals(expected.shape(), actual.shape(), expected.name());
        assertEquals(-1, expected.data().mismatch(actual.data()), "data of " + expected.name());
    }

    /** Every tensor in the graph: initializers, then tensor attributes in node order. */
    static List<Initializer> allTensors(Graph graph) {
        List<Initializer> all = new ArrayList<>(graph.initializers().values());
        for (Node n : graph.nodes()) {
            for (Attribute a : n.attributes().values()) {
                if (a instanceof Attribute.TensorValue(Initializer t)) {
                    all.add(t);
                }
            }
        }
        return all;
    }
}
