package io.jdeepface.engine.format;

import io.jdeepface.engine.graph.Attribute;
import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.InvalidGraphException;
import io.jdeepface.engine.graph.ModelMetadata;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes metadata and graph into the structure section and decides where each tensor's data goes
 * in the weights section. It enforces the {@link FormatLimits} the reader enforces, so every file
 * written can be read back. Maps without a defined order (attributes, properties) are written
 * sorted by key, which makes the output a pure function of the graph.
 */
final class StructureEncoder {
    private final LittleEndianBuffer out = new LittleEndianBuffer();
    private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder(); // reports unpaired surrogates
    private final List<PlacedTensor> tensors = new ArrayList<>();
    private long weightsEnd;
    private String element = "";

    private StructureEncoder() {}

    /** @throws InvalidGraphException when the graph or metadata cannot be stored */
    static EncodedModel encode(Graph graph, ModelMetadata metadata) {
        StructureEncoder e = new StructureEncoder();
        e.metadata(metadata);
        e.graph(graph);
        return new EncodedModel(e.out.toByteArray(), e.tensors, e.weightsEnd);
    }

    private void metadata(ModelMetadata m) {
        element = "metadata";
        if (m == null) {
            throw error("metadata is missing (use ModelMetadata.unknown())");
        }
        str(m.sourceName(), "source name");
        str(m.sourceSha256(), "source SHA-256");
        str(m.sourceFormat(), "source format");
        str(m.converterVersion(), "converter version");
        Map<String, String> props = new TreeMap<>(m.properties());
        count(props.size(), FormatLimits.MAX_PROPERTIES, "properties");
        for (Map.Entry<String, String> p : props.entrySet()) {
            element = "metadata property '" + p.getKey() + "'";
            str(p.getKey(), "key");
            str(p.getValue(), "value");
        }
    }

    private void graph(Graph g) {
        element = "graph";
        if (g == null) {
            throw error("graph is missing");
        }
        str(g.name(), "graph name");
        valueInfos(g.inputs(), FormatLimits.MAX_GRAPH_INPUTS_OR_OUTPUTS, "graph input");
        valueInfos(g.outputs(), FormatLimits.MAX_GRAPH_INPUTS_OR_OUTPUTS, "graph output");

        Collection<Initializer> inits = g.initializers().values();
        count(inits.size(), FormatLimits.MAX_INITIALIZERS, "initializers");
        int i = 0;
        for (Initializer init : inits) {
            element = "initializer #" + i++;
            tensor(init);
        }

        count(g.nodes().size(), FormatLimits.MAX_NODES, "nodes");
        i = 0;
        for (Node n : g.nodes()) {
            element = "node #" + i++ + (n.name() == null ? "" : " '" + n.name() + "'");
            node(n);
        }
        valueInfos(g.valueInfos().values(), FormatLimits.MAX_VALUE_INFOS, "value info");
    }

    private void valueInfos(Collection<ValueInfo> infos, int limit, String what) {
        element = "graph";
        count(infos.size(), limit, what + "s");
        int i = 0;
        for (ValueInfo v : infos) {
            element = what + " #" + i++;
            if (v == null) {
                throw error("is missing");
            }
            str(v.name(), "name");
            element += " '" + v.name() + "'";
            typeAndShape(v.type(), v.shape());
            checkSize();
        }
    }

    private void tensor(Initializer t) {
        if (t == null) {
            throw error("tensor is missing");
        }
        str(t.name(), "tensor name");
        element += " '" + t.name() + "'";
        typeAndShape(t.type(), t.shape());
        long offset = ModelFormat.align(weightsEnd);
        long length = t.data().byteSize();
        out.i64(offset);
        out.i64(length);
        tensors.add(new PlacedTensor(element, t.data(), offset));
        weightsEnd = offset + length;
        checkSize();
    }

    private void typeAndShape(DataType type, Shape shape) {
        if (type == null || shape == null) {
            throw error("has no " + (type == null ? "type" : "shape"));
        }
        out.u8(type.onnxCode());
        long[] dims = shape.dims();
        out.u8(dims.length); // Shape already caps the rank at MAX_RANK
        for (long d : dims) {
            out.i64(d);
        }
    }

    private void node(Node n) {
        str(n.name(), "node name");
        str(n.opType(), "op type");
        count(n.inputs().size(), FormatLimits.MAX_NODE_INPUTS_OR_OUTPUTS, "inputs");
        for (String in : n.inputs()) {
            str(in, "input name");
        }
        count(n.outputs().size(), FormatLimits.MAX_NODE_INPUTS_OR_OUTPUTS, "outputs");
        for (String o : n.outputs()) {
            str(o, "output name");
        }
        Map<String, Attribute> attrs = new TreeMap<>(n.attributes());
        count(attrs.size(), FormatLimits.MAX_ATTRIBUTES_PER_NODE, "attributes");
        String nodeElement = element;
        for (Map.Entry<String, Attribute> a : attrs.entrySet()) {
            element = nodeElement + ", attribute '" + a.getKey() + "'";
            str(a.getKey(), "attribute name");
            attribute(a.getValue());
        }
        element = nodeElement;
        checkSize();
    }

    private void attribute(Attribute a) {
        out.u8(AttributeKind.of(a).code);
        switch (a) {
            case Attribute.Int i -> out.i64(i.value());
            case Attribute.Float f -> out.f32(f.value());
            case Attribute.Str s -> str(s.value(), "string value");
            case Attribute.Ints ints -> {
                long[] v = ints.values();
                count(v.length, FormatLimits.MAX_ATTRIBUTE_ELEMENTS, "ints");
                for (long x : v) {
                    out.i64(x);
                }
                checkSize();
            }
            case Attribute.Floats floats -> {
                float[] v = floats.values();
                count(v.length, FormatLimits.MAX_ATTRIBUTE_ELEMENTS, "floats");
                for (float x : v) {
                    out.f32(x);
                }
                checkSize();
            }
            case Attribute.TensorValue t -> tensor(t.value());
        }
    }

    private void str(String s, String what) {
        if (s == null) {
            throw error(what + " is missing (null)");
        }
        ByteBuffer bytes;
        try {
            bytes = utf8.encode(CharBuffer.wrap(s));
        } catch (CharacterCodingException e) {
            throw error(what + " is not valid Unicode (unpaired surrogate): " + s);
        }
        if (bytes.remaining() > FormatLimits.MAX_STRING_BYTES) {
            throw error(what + " is " + bytes.remaining() + " UTF-8 bytes, over the limit of "
                    + FormatLimits.MAX_STRING_BYTES);
        }
        byte[] b = new byte[bytes.remaining()];
        bytes.get(b);
        out.i32(b.length);
        out.bytes(b);
        checkSize();
    }

    private void count(int n, int limit, String what) {
        if (n > limit) {
            throw error(n + " " + what + " exceed the format's limit of " + limit);
        }
        out.i32(n);
    }

    private void checkSize() {
        if (out.size() > FormatLimits.MAX_STRUCTURE_BYTES) {
            throw error("the graph structure exceeds the format's limit of "
                    + FormatLimits.MAX_STRUCTURE_BYTES + " bytes");
        }
    }

    private InvalidGraphException error(String message) {
        return new InvalidGraphException("cannot store the graph: " + element + ": " + message);
    }
}
