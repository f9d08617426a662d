package io.jdeepface.engine.graph;

import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds small synthetic graphs for tests. */
final class GraphFixture {
    private final List<ValueInfo> inputs = new ArrayList<>();
    private final List<ValueInfo> outputs = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Initializer> initializers = new LinkedHashMap<>();

    GraphFixture input(String name, long... dims) {
        inputs.add(new ValueInfo(name, DataType.FLOAT32, Shape.of(dims)));
        return this;
    }

    GraphFixture floats(String name, long[] dims, float... values) {
        initializers.put(name, Initializer.ofFloats(name, Shape.of(dims), values));
        return this;
    }

    /** A float initializer of the given shape filled with 0.1, 0.2, ... */
    GraphFixture weights(String name, long... dims) {
        float[] v = new float[Math.toIntExact(Shape.of(dims).elementCount())];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.1f * (i + 1);
        }
        return floats(name, dims, v);
    }

    /** A 1-D INT64 initializer. */
    GraphFixture ints(String name, long... values) {
        initializers.put(name, Initializer.ofLongs(name, Shape.of(values.length), values));
        return this;
    }

    /** Adds a node named after its first output; attrs are key/value pairs (Long, long[], Float, float[], String). */
    GraphFixture node(String op, List<String> in, List<String> out, Object... attrs) {
        nodes.add(new Node(out.get(0) + "_node", op, in, out, attributes(attrs)));
        return this;
    }

    GraphFixture node(String op, String in, String out, Object... attrs) {
        return node(op, List.of(in), List.of(out), attrs);
    }

    GraphFixture output(String name) {
        outputs.add(new ValueInfo(name, DataType.FLOAT32, Shape.scalar()));
        return this;
    }

    Graph build() {
        return new Graph("test", inputs, outputs, nodes, initializers, Map.of());
    }

    static Map<String, Attribute> attributes(Object... kv) {
        Map<String, Attribute> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            m.put((String) kv[i], switch (v) {
                case Long l -> new Attribute.Int(l);
                case Integer n -> new Attribute.Int(n);
                case long[] a -> new Attribute.Ints(a);
                case Float f -> new Attribute.Float(f);
                case float[] a -> new Attribute.Floats(a);
                case String s -> new Attribute.Str(s);
                case Initializer t -> new Attribute.TensorValue(t);
                default -> throw new IllegalArgumentException(String.valueOf(v));
            });
        }
        return m;
    }

    static long[] dims(Graph g, String value) {
        return g.valueInfo(value).orElseThrow().shape().dims();
    }
}
