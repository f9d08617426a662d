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
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes the structure section into metadata and graph. Tensor data are not copied: each
 * initializer's {@code data} is a slice of the weights section. Everything a hostile file could
 * get wrong is checked here with a {@link ModelFormatException}, before a record constructor could
 * throw something less helpful.
 */
final class StructureDecoder {
    // Smallest encoding of each element, used to bound counts by the bytes that remain.
    private static final int MIN_STRING = 4;
    private static final int MIN_VALUE_INFO = MIN_STRING + 2;
    private static final int MIN_TENSOR = MIN_STRING + 2 + 16;
    private static final int MIN_NODE = 5 * 4;
    private static final int MIN_ATTRIBUTE = MIN_STRING + 1 + 4;
    private static final int MIN_PROPERTY = 2 * MIN_STRING;

    private final SegmentReader in;
    private final MemorySegment weights;
    private final String source;
    private final List<PlacedTensor> tensors = new ArrayList<>();

    private StructureDecoder(MemorySegment file, FileHeader header, String source) {
        long start = header.structureOffset();
        this.in = new SegmentReader(file, start, start + header.structureLength(), source);
        this.weights = file.asSlice(header.weightsOffset(), header.weightsLength());
        this.source = source;
    }

    record Decoded(ModelMetadata metadata, Graph graph) {}

    static Decoded decode(MemorySegment file, FileHeader header, String source) throws ModelFormatException {
        StructureDecoder d = new StructureDecoder(file, header, source);
        ModelMetadata metadata = d.metadata();
        Graph graph = d.graph();
        d.in.element("");
        if (d.in.remaining() > 0 && header.version().minor() <= FormatVersion.CURRENT.minor()) {
            // Only a newer minor version may append fields we do not know.
            throw d.in.error(d.in.remaining() + " unexpected bytes after the graph");
        }
        d.checkNoOverlap();
        try {
            StorageRules.check(graph);
        } catch (InvalidGraphException e) {
            throw new ModelFormatException(source + ": the graph in the file is invalid: " + e.getMessage(), e);
        }
        return new Decoded(metadata, graph);
    }

    private ModelMetadata metadata() throws ModelFormatException {
        in.element("metadata");
        String sourceName = in.string("source name");
        String sha = in.string("source SHA-256");
        String format = in.string("source format");
        String converter = in.string("converter version");
        int n = in.count("property count", FormatLimits.MAX_PROPERTIES, MIN_PROPERTY);
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < n; i++) {
            in.element("metadata property #" + i);
            long at = in.position();
            String key = in.string("key");
            if (props.put(key, in.string("value")) != null) {
                throw in.error(at, "property '" + key + "' appears twice");
            }
        }
        return new ModelMetadata(sourceName, sha, format, converter, props);
    }

    private Graph graph() throws ModelFormatException {
        in.element("graph");
        String name = in.string("graph name");
        List<ValueInfo> inputs = valueInfoList("graph input", FormatLimits.MAX_GRAPH_INPUTS_OR_OUTPUTS, false);
        List<ValueInfo> outputs = valueInfoList("graph output", FormatLimits.MAX_GRAPH_INPUTS_OR_OUTPUTS, false);

        in.element("graph");
        int n = in.count("initializer count", FormatLimits.MAX_INITIALIZERS, MIN_TENSOR);
        Map<String, Initializer> initializers = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            in.element("initializer #" + i);
            long at = in.position();
            Initializer init = tensor();
            if (initializers.putIfAbsent(init.name(), init) != null) {
                throw in.error(at, "initializer '" + init.name() + "' appears twice");
            }
        }

        in.element("graph");
        n = in.count("node count", FormatLimits.MAX_NODES, MIN_NODE);
        List<Node> nodes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            in.element("node #" + i);
            nodes.add(node(i));
        }

        Map<String, ValueInfo> valueInfos = new LinkedHashMap<>();
        for (ValueInfo v : valueInfoList("value info", FormatLimits.MAX_VALUE_INFOS, true)) {
            valueInfos.put(v.name(), v);
        }
        return new Graph(name, inputs, outputs, nodes, initializers, valueInfos);
    }

    /**
     * Graph inputs and outputs may repeat a name here; the graph rules reject that afterwards with a
     * better message. Value infos ({@code unique}) become a map, so a repeat is rejected right away.
     */
    private List<ValueInfo> valueInfoList(String what, int limit, boolean unique) throws ModelFormatException {
        in.element("graph");
        int n = in.count(what + " count", limit, MIN_VALUE_INFO);
        List<ValueInfo> list = new ArrayList<>(n);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            in.element(what + " #" + i);
            long at = in.position();
            String name = in.string("name");
            if (unique && !seen.add(name)) {
                throw in.error(at, what + " '" + name + "' appears twice");
            }
            in.element(what + " #" + i + " '" + name + "'");
            DataType type = dataType();
            list.add(new ValueInfo(name, type, new Shape(dims(false))));
        }
        return list;
    }

    /** A tensor record: name, type, shape and where its data lie in the weights section. */
    private Initializer tensor() throws ModelFormatException {
        String name = in.string("tensor name");
        String what = "tensor '" + name + "'";
        DataType type = dataType();
        long[] dims = dims(true);
        long at = in.position();
        long offset = in.i64("data offset");
        long length = in.i64("data length");
        if (offset < 0 || offset > weights.byteSize()) {
            throw in.error(at, what + ": data offset " + offset + " lies outside the weights section (0.."
                    + weights.byteSize() + ")");
        }
        if (offset % ModelFormat.ALIGNMENT != 0) {
            throw in.error(at, what + ": data offset " + offset + " is not a multiple of " + ModelFormat.ALIGNMENT);
        }
        if (length < 0 || length > weights.byteSize() - offset) {
            throw in.error(at + 8, what + ": data length " + length + " at offset " + offset
                    + " runs past the end of the weights section (" + weights.byteSize() + " bytes)");
        }
        long expected = byteCount(dims, type, at, what);
        if (length != expected) {
            throw in.error(at + 8, what + ": data length " + length + " does not match " + type
                    + new Shape(dims) + " (" + expected + " bytes)");
        }
        MemorySegment data = weights.asSlice(offset, length); // zero copy: a view of the file
        tensors.add(new PlacedTensor(what, data, offset));
        return new Initializer(name, type, new Shape(dims), data);
    }

    /** Element count times element size, computed as {@link Shape#elementCount()} does but without overflow. */
    private long byteCount(long[] dims, DataType type, long at, String what) throws ModelFormatException {
        try {
            long n = 1;
            for (long d : dims) {
                n = Math.multiplyExact(n, d);
            }
            return Math.multiplyExact(n, (long) type.byteSize());
        } catch (ArithmeticException e) {
            throw in.error(at, what + ": the size of " + type + new Shape(dims) + " overflows");
        }
    }

    private DataType dataType() throws ModelFormatException {
        long at = in.position();
        int code = in.u8("data type");
        DataType type = DataType.fromOnnxCode(code);
        if (type == null) {
            throw in.error(at, "unknown data type code " + code);
        }
        return type;
    }

    private long[] dims(boolean mustBeStatic) throws ModelFormatException {
        long at = in.position();
        int rank = in.u8("rank");
        if (rank > FormatLimits.MAX_RANK) {
            throw in.error(at, "rank " + rank + " exceeds the limit of " + FormatLimits.MAX_RANK);
        }
        long[] dims = new long[rank];
        for (int i = 0; i < rank; i++) {
            long d = in.i64("dimension " + i);
            boolean dynamic = d == Shape.DYNAMIC && !mustBeStatic;
            if (d < 0 && !dynamic) {
                throw in.error(in.position() - 8, "dimension " + i + " is " + d + (mustBeStatic
                        ? "; a tensor's dimensions must be >= 0" : "; dimensions are >= 0 or -1 (dynamic)"));
            }
            dims[i] = d;
        }
        return dims;
    }

    private Node node(int index) throws ModelFormatException {
        String name = in.string("node name");
        String element = "node #" + index + " '" + name + "'";
        in.element(element);
        String opType = in.string("op type");
        List<String> inputs = strings("input count", "input name");
        List<String> outputs = strings("output count", "output name");
        int n = in.count("attribute count", FormatLimits.MAX_ATTRIBUTES_PER_NODE, MIN_ATTRIBUTE);
        Map<String, Attribute> attributes = new HashMap<>();
        for (int i = 0; i < n; i++) {
            in.element(element + ", attribute #" + i);
            long at = in.position();
            String key = in.string("attribute name");
            in.element(element + ", attribute '" + key + "'");
            if (attributes.put(key, attribute()) != null) {
                throw in.error(at, "attribute '" + key + "' appears twice");
            }
        }
        return new Node(name, opType, inputs, outputs, attributes);
    }

    private List<String> strings(String countWhat, String what) throws ModelFormatException {
        int n = in.count(countWhat, FormatLimits.MAX_NODE_INPUTS_OR_OUTPUTS, MIN_STRING);
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(in.string(what));
        }
        return list;
    }

    private Attribute attribute() throws ModelFormatException {
        long at = in.position();
        int code = in.u8("attribute kind");
        AttributeKind kind = AttributeKind.fromCode(code);
        if (kind == null) {
            throw in.error(at, "unknown attribute kind " + code);
        }
        return switch (kind) {
            case INT -> new Attribute.Int(in.i64("int value"));
            case FLOAT -> new Attribute.Float(in.f32("float value"));
            case STRING -> new Attribute.Str(in.string("string value"));
            case INTS -> {
                long[] v = new long[in.count("ints count", FormatLimits.MAX_ATTRIBUTE_ELEMENTS, 8)];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.i64("int value");
                }
                yield new Attribute.Ints(v);
            }
            case FLOATS -> {
                float[] v = new float[in.count("floats count", FormatLimits.MAX_ATTRIBUTE_ELEMENTS, 4)];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.f32("float value");
                }
                yield new Attribute.Floats(v);
            }
            case TENSOR -> new Attribute.TensorValue(tensor());
        };
    }

    /** Each tensor owns its bytes: two tensors sharing data means corrupt offsets. */
    private void checkNoOverlap() throws ModelFormatException {
        List<PlacedTensor> sorted = new ArrayList<>(tensors);
        sorted.removeIf(t -> t.data().byteSize() == 0);
        sorted.sort(Comparator.comparingLong(PlacedTensor::offset));
        for (int i = 1; i < sorted.size(); i++) {
            PlacedTensor a = sorted.get(i - 1);
            PlacedTensor b = sorted.get(i);
            if (a.end() > b.offset()) {
                throw new ModelFormatException(source + ": weights section: the data of " + a.description()
                        + " (bytes " + a.offset() + ".." + a.end() + ") overlaps the data of " + b.description()
                        + " (from byte " + b.offset() + ")");
            }
        }
    }
}
