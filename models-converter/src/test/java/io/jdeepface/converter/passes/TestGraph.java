package io.jdeepface.converter.passes;

import io.jdeepface.engine.graph.Attribute;
import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds small synthetic graphs for the pass tests. */
final class TestGraph {
    private final List<ValueInfo> inputs = new ArrayList<>();
    private final List<ValueInfo> outputs = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Initializer> initializers = new LinkedHashMap<>();

    TestGraph input(String name, long... dims) {
        inputs.add(new ValueInfo(name, DataType.FLOAT32, Shape.of(dims)));
        return this;
    }

    TestGraph floats(String name, long[] dims, float... values) {
        initializers.put(name, Initializer.ofFloats(name, Shape.of(dims), values));
        return this;
    }

    /** A float initializer of the given shape with pseudo-random values in [-1, 1) (fixed seed per name). */
    TestGraph weights(String name, long... dims) {
        return floats(name, dims, random(name.hashCode(), Math.toIntExact(Shape.of(dims).elementCount()), -1, 1));
    }

    /** Like {@link #weights} with values in [lo, hi), e.g. positive variances. */
    TestGraph weights(String name, float lo, float hi, long... dims) {
        return floats(name, dims, random(name.hashCode(), Math.toIntExact(Shape.of(dims).elementCount()), lo, hi));
    }

    static float[] random(long seed, int n, float lo, float hi) {
        java.util.Random r = new java.util.Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * r.nextFloat();
        }
        return v;
    }

    TestGraph add(Node n) {
        nodes.add(n);
        return this;
    }

    /** A 1-D INT64 initializer. */
    TestGraph ints(String name, long... values) {
        initializers.put(name, Initializer.ofLongs(name, Shape.of(values.length), values));
        return this;
    }

    /** Adds a node named after its first output; attrs are key/value pairs (Long, long[], Float, float[], String). */
    TestGraph node(String op, List<String> in, List<String> out, Object... attrs) {
        nodes.add(new Node(out.get(0) + "_node", op, in, out, attributes(attrs)));
        return this;
    }

    TestGraph node(String op, String in, String out, Object... attrs) {
        return node(op, List.of(in), List.of(out), attrs);
    }

    TestGraph output(String name) {
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
