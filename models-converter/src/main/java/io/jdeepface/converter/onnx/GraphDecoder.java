package io.jdeepface.converter.onnx;

import io.jdeepface.converter.onnx.ValueInfoDecoder.DeclaredValue;
import io.jdeepface.converter.protobuf.ProtoReader;
import io.jdeepface.engine.format.ModelFormatException;
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

/**
 * Decodes an ONNX {@code GraphProto} into our {@link Graph}.
 *
 * <p>Older exporters list every initializer among the graph inputs too (so that a caller could
 * override a weight). We treat those as the constants they are and drop them from the inputs.
 * Declared shapes of intermediate values ({@code value_info}) are hints: entries without a usable
 * tensor type are left out rather than rejected.
 */
final class GraphDecoder {
    // GraphProto field numbers (onnx.proto)
    private static final int NODE = 1;
    private static final int NAME = 2;
    private static final int INITIALIZER = 5;
    private static final int INPUT = 11;
    private static final int OUTPUT = 12;
    private static final int VALUE_INFO = 13;
    private static final int SPARSE_INITIALIZER = 15;

    private GraphDecoder() {}

    static Graph decode(ProtoReader r) throws ModelFormatException {
        String name = "";
        List<Node> nodes = new ArrayList<>();
        Map<String, Initializer> initializers = new LinkedHashMap<>();
        List<DeclaredValue> inputs = new ArrayList<>();
        List<DeclaredValue> outputs = new ArrayList<>();
        List<DeclaredValue> valueInfos = new ArrayList<>();
        while (r.nextField()) {
            switch (r.fieldNumber()) {
                case NODE -> nodes.add(NodeDecoder.decode(r.readMessage("ONNX NodeProto"), nodes.size()));
                case NAME -> name = r.readString();
                case INITIALIZER -> {
                    long at = r.fieldOffset();
                    Initializer init = TensorDecoder.decode(r.readMessage("ONNX TensorProto"),
                            "initializer_" + initializers.size());
                    if (initializers.put(init.name(), init) != null) {
                        throw r.errorAt(at, "initializer '" + init.name() + "' is defined twice");
                    }
                }
                case INPUT -> inputs.add(ValueInfoDecoder.decode(r.readMessage("ONNX ValueInfoProto")));
                case OUTPUT -> outputs.add(ValueInfoDecoder.decode(r.readMessage("ONNX ValueInfoProto")));
                case VALUE_INFO -> valueInfos.add(ValueInfoDecoder.decode(r.readMessage("ONNX ValueInfoProto")));
                case SPARSE_INITIALIZER -> throw r.error("the graph has sparse initializers, which jdeepface "
                        + "does not support");
                default -> r.skipField();
            }
        }
        List<ValueInfo> graphInputs = new ArrayList<>();
        for (DeclaredValue in : inputs) {
            if (!initializers.containsKey(in.name())) {
                graphInputs.add(required(r, in, "graph input"));
            }
        }
        List<ValueInfo> graphOutputs = new ArrayList<>();
        for (DeclaredValue out : outputs) {
            graphOutputs.add(required(r, out, "graph output"));
        }
        Map<String, ValueInfo> known = new LinkedHashMap<>();
        for (DeclaredValue v : valueInfos) {
            DataType type = OnnxTypes.dataType(v.elemType());
            if (!v.name().isEmpty() && type != null && v.dims() != null) {
                known.put(v.name(), new ValueInfo(v.name(), type, new Shape(v.dims())));
            }
        }
        return new Graph(name, graphInputs, graphOutputs, nodes, initializers, known);
    }

    /** Graph inputs and outputs must declare a tensor type we support and a shape. */
    private static ValueInfo required(ProtoReader r, DeclaredValue v, String what) throws ModelFormatException {
        if (v.name().isEmpty()) {
            throw r.messageError("a " + what + " has no name");
        }
        DataType type = OnnxTypes.dataType(v.elemType());
        if (type == null) {
            throw r.messageError(what + " '" + v.name() + "' has element type " + OnnxTypes.name(v.elemType())
                    + ", which jdeepface does not support");
        }
        if (v.dims() == null) {
            throw r.messageError(what + " '" + v.name() + "' declares no shape");
        }
        return new ValueInfo(v.name(), type, new Shape(v.dims()));
    }
}
