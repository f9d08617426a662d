package io.jdeepface.converter.onnx;

import io.jdeepface.converter.protobuf.ProtoReader;
import io.jdeepface.engine.format.ModelFormatException;
import io.jdeepface.engine.graph.Graph;
import java.util.LinkedHashMap;
import java.util.Map;

/** Decodes the top-level ONNX {@code ModelProto}: version facts, operator sets and the graph. */
final class ModelDecoder {
    // ModelProto field numbers (onnx.proto)
    private static final int IR_VERSION = 1;
    private static final int PRODUCER_NAME = 2;
    private static final int PRODUCER_VERSION = 3;
    private static final int GRAPH = 7;
    private static final int OPSET_IMPORT = 8;
    private static final int METADATA_PROPS = 14;
    // OperatorSetIdProto and StringStringEntryProto
    private static final int ENTRY_FIRST = 1;
    private static final int ENTRY_SECOND = 2;

    private ModelDecoder() {}

    static OnnxModel decode(ProtoReader r) throws ModelFormatException {
        long irVersion = 0;
        String producerName = "";
        String producerVersion = "";
        Graph graph = null;
        Map<String, Long> opsets = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        while (r.nextField()) {
            switch (r.fieldNumber()) {
                case IR_VERSION -> irVersion = r.readInt64();
                case PRODUCER_NAME -> producerName = r.readString();
                case PRODUCER_VERSION -> producerVersion = r.readString();
                case GRAPH -> {
                    if (graph != null) {
                        throw r.error("the model has two graphs");
                    }
                    graph = GraphDecoder.decode(r.readMessage("ONNX GraphProto"));
                }
                case OPSET_IMPORT -> opset(r.readMessage("ONNX OperatorSetIdProto"), opsets);
                case METADATA_PROPS -> metadataEntry(r.readMessage("ONNX StringStringEntryProto"), metadata);
                default -> r.skipField();
            }
        }
        if (graph == null) {
            throw r.messageError("no graph: this is not an ONNX model file");
        }
        return new OnnxModel(graph, irVersion, opsets, producerName, producerVersion, metadata);
    }

    private static void opset(ProtoReader r, Map<String, Long> opsets) throws ModelFormatException {
        String domain = "";
        long version = 0;
        while (r.nextField()) {
            switch (r.fieldNumber()) {
                case ENTRY_FIRST -> domain = r.readString();
                case ENTRY_SECOND -> version = r.readInt64();
                default -> r.skipField();
            }
        }
        // "ai.onnx" is another spelling of the default domain
        opsets.merge(OnnxImporter.isDefaultDomain(domain) ? "" : domain, version, Math::max);
    }

    private static void metadataEntry(ProtoReader r, Map<String, String> metadata) throws ModelFormatException {
        String key = "";
        String value = "";
        while (r.nextField()) {
            switch (r.fieldNumber()) {
                case ENTRY_FIRST -> key = r.readString();
                case ENTRY_SECOND -> value = r.readString();
                default -> r.skipField();
            }
        }
        metadata.put(key, value);
    }
}
