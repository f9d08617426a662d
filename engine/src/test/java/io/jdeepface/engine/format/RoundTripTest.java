package io.jdeepface.engine.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/** Any storable graph survives write then read unchanged, with every tensor 64-byte aligned. */
class RoundTripTest {

    record Model(Graph graph, ModelMetadata metadata) {}

    @Property(tries = 300)
    void writeThenReadGivesTheSameModel(@ForAll("models") Model model) throws Exception {
        Statistics.label("nodes").collect(Math.min(model.graph().nodes().size(), 4));
        Statistics.label("tensors").collect(Math.min(TestGraphs.allTensors(model.graph()).size(), 4));
        byte[] bytes = ModelWriter.toBytes(model.graph(), model.metadata());
        try (ModelFile file = ModelFile.read(bytes)) {
            TestGraphs.assertSameGraph(model.graph(), file.graph());
            assertEquals(model.metadata(), file.metadata());
            assertEquals(FormatVersion.CURRENT, file.formatVersion());
            assertEquals(bytes.length, file.byteSize());
            for (Initializer t : TestGraphs.allTensors(file.graph())) {
                // For a heap segment the address is the offset in the array, i.e. the file offset.
                assertEquals(0, t.data().address() % ModelFormat.ALIGNMENT, t.name());
            }
        }
        assertArrayEquals(bytes, ModelWriter.toBytes(model.graph(), model.metadata()), "output is deterministic");
    }

    @Provide
    Arbitrary<Model> models() {
        Arbitrary<List<ValueInfo>> inputs = valueInfo(true).list().ofMaxSize(3);
        Arbitrary<List<Initializer>> initializers = tensor().list().ofMaxSize(5);
        Arbitrary<List<NodeRecipe>> nodes = nodeRecipe().list().ofMaxSize(8);
        Arbitrary<List<Integer>> outputPicks = Arbitraries.integers().between(0, 1000).list().ofMaxSize(3);
        Arbitrary<List<ValueInfo>> valueInfos = valueInfo(false).list().ofMaxSize(4);
        return Combinators.combine(text(), inputs, initializers, nodes, outputPicks, valueInfos, metadata())
                .as(RoundTripTest::assemble);
    }

    /** A node with its inputs as picks among the values defined so far (negative: omitted input). */
    record NodeRecipe(String name, String opType, List<Integer> inputPicks, int outputCount,
                      Map<String, Attribute> attributes) {}

    /**
     * Builds a valid graph: names are random text made unique with a suffix, each node reads only
     * values defined before it, graph outputs are distinct node outputs.
     */
    private static Model assemble(String graphName, List<ValueInfo> inputShapes, List<Initializer> tensors,
                                  List<NodeRecipe> recipes, List<Integer> outputPicks,
                                  List<ValueInfo> infoShapes, ModelMetadata metadata) {
        List<String> defined = new ArrayList<>();
        List<ValueInfo> inputs = new ArrayList<>();
        for (int i = 0; i < inputShapes.size(); i++) {
            ValueInfo v = inputShapes.get(i);
            inputs.add(new ValueInfo(v.name() + "#in" + i, v.type(), v.shape()));
            defined.add(v.name() + "#in" + i);
        }
        Map<String, Initializer> inits = new LinkedHashMap<>();
        for (int i = 0; i < tensors.size(); i++) {
            Initializer t = tensors.get(i).withName(tensors.get(i).name() + "#w" + i);
            inits.put(t.name(), t);
            defined.add(t.name());
        }
        List<Node> nodes = new ArrayList<>();
        List<String> nodeOutputs = new ArrayList<>();
        for (int i = 0; i < recipes.size(); i++) {
            NodeRecipe r = recipes.get(i);
            List<String> in = new ArrayList<>();
            for (int pick : r.inputPicks()) {
                in.add(pick < 0 || defined.isEmpty() ? "" : defined.get(pick % defined.size()));
            }
            List<String> out = new ArrayList<>();
            for (int j = 0; j < r.outputCount(); j++) {
                out.add(r.name() + "#n" + i + "o" + j);
            }
            nodes.add(new Node(r.name(), r.opType(), in, out, r.attributes()));
            defined.addAll(out);
            nodeOutputs.addAll(out);
        }
        List<ValueInfo> outputs = new ArrayList<>();
        if (!nodeOutputs.isEmpty()) {
            for (int pick : outputPicks) {
                String name = nodeOutputs.get(pick % nodeOutputs.size());
                if (outputs.stream().noneMatch(o -> o.name().equals(name))) {
                    outputs.add(new ValueInfo(name, DataType.FLOAT32, Shape.of(Shape.DYNAMIC, 128)));
                }
            }
        }
        Map<String, ValueInfo> infos = new LinkedHashMap<>();
        for (int i = 0; i < infoShapes.size() && i < nodeOutputs.size(); i++) {
            ValueInfo v = infoShapes.get(i);
            infos.put(nodeOutputs.get(i), new ValueInfo(nodeOutputs.get(i), v.type(), v.shape()));
        }
        return new Model(new Graph(graphName, inputs, outputs, nodes, inits, infos), metadata);
    }

    /** Unicode text, including characters outside the BMP (surrogate pairs) and NUL; never unpaired surrogates. */
    static Arbitrary<String> text() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0x20, 0x7E)),
                Tuple.of(1, Arbitraries.integers().between(0, 0xD7FF)),
                Tuple.of(1, Arbitraries.integers().between(0xE000, 0x10FFFF)));
        return codePoint.list().ofMaxSize(12).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    static Arbitrary<Shape> staticShape() {
        return Arbitraries.longs().between(0, 3).list().ofMaxSize(Shape.MAX_RANK)
                .map(dims -> Shape.of(dims.stream().mapToLong(Long::longValue).toArray()))
                .filter(s -> s.elementCount() <= 512);
    }

    /** A value info; graph inputs may have a dynamic batch dimension. */
    static Arbitrary<ValueInfo> valueInfo(boolean dynamicBatch) {
        Arbitrary<Shape> shape = staticShape();
        if (dynamicBatch) {
            shape = Combinators.combine(staticShape(), Arbitraries.of(true, false)).as((s, dynamic) ->
                    dynamic && s.rank() > 0 ? s.withDim(0, Shape.DYNAMIC) : s);
        }
        return Combinators.combine(text(), Arbitraries.of(DataType.class), shape).as(ValueInfo::new);
    }

    /** A tensor of any type and shape (scalars and empty tensors included) with random bytes. */
    static Arbitrary<Initializer> tensor() {
        // The bytes come from a seeded Random: generating them one by one in jqwik would be slow,
        // and shrinking tensor contents would tell nothing.
        return Combinators.combine(text(), Arbitraries.of(DataType.class), staticShape(), Arbitraries.longs())
                .as((name, type, shape, seed) -> {
                    byte[] data = new byte[(int) (shape.elementCount() * type.byteSize())];
                    new Random(seed).nextBytes(data);
                    return new Initializer(name, type, shape, MemorySegment.ofArray(data));
                });
    }

    static Arbitrary<Attribute> attribute() {
        Arbitrary<Float> floats = Arbitraries.oneOf(Arbitraries.floats(),
                Arbitraries.of(Float.NaN, -0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                        Float.MIN_VALUE, Float.MAX_VALUE));
        return Arbitraries.oneOf(
                Arbitraries.longs().map(Attribute.Int::new),
                floats.map(Attribute.Float::new),
                text().map(Attribute.Str::new),
                Arbitraries.longs().list().ofMaxSize(6)
                        .map(l -> new Attribute.Ints(l.stream().mapToLong(Long::longValue).toArray())),
                floats.list().ofMaxSize(6).map(l -> {
                    float[] a = new float[l.size()];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = l.get(i);
                    }
                    return new Attribute.Floats(a);
                }),
                tensor().map(Attribute.TensorValue::new));
    }

    static Arbitrary<NodeRecipe> nodeRecipe() {
        return Combinators.combine(text(), text(),
                Arbitraries.integers().between(-1, 1000).list().ofMaxSize(4),
                Arbitraries.integers().between(0, 3),
                keyed(attribute(), 5)).as(NodeRecipe::new);
    }

    static Arbitrary<ModelMetadata> metadata() {
        return Combinators.combine(text(), text(), text(), text(), keyed(text(), 4)).as(ModelMetadata::new);
    }

    /** A map with random text keys, made unique by a suffix (jqwik's maps() is slow to find unique keys). */
    static <V> Arbitrary<Map<String, V>> keyed(Arbitrary<V> values, int maxSize) {
        return Combinators.combine(text(), values).as(Tuple::of).list().ofMaxSize(maxSize).map(entries -> {
            Map<String, V> map = new LinkedHashMap<>();
            for (int i = 0; i < entries.size(); i++) {
                map.put(entries.get(i).get1() + "#" + i, entries.get(i).get2());
            }
            return map;
        });
    }
}
