package io.jdeepface.converter.onnx;

import io.jdeepface.converter.protobuf.ProtoReader;
import io.jdeepface.engine.format.ModelFormatException;
import io.jdeepface.engine.graph.Attribute;
import io.jdeepface.engine.graph.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes an ONNX {@code NodeProto}. Only the default operator domain (ONNX's own operators) is
 * accepted; vendor domains such as {@code com.microsoft} name operators the engine does not know.
 */
final class NodeDecoder {
    // NodeProto field numbers (onnx.proto)
    private static final int INPUT = 1;
    private static final int OUTPUT = 2;
    private static final int NAME = 3;
    private static final int OP_TYPE = 4;
    private static final int ATTRIBUTE = 5;
    private static final int DOMAIN = 7;

    private NodeDecoder() {}

    /**
     * Decodes the node at position {@code index} of the graph. Unnamed nodes (names are optional in
     * ONNX) are called {@code <op_type>_<index>} so that messages and passes can refer to them.
     */
    static Node decode(ProtoReader r, int index) throws ModelFormatException {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String name = "";
        String opType = "";
        String domain = "";
        List<ProtoReader> attributeReaders = new ArrayList<>();
        while (r.nextField()) {
            switch (r.fieldNumber()) {
                case INPUT -> inputs.add(r.readString());
                case OUTPUT -> outputs.add(r.readString());
                case NAME -> name = r.readString();
                case OP_TYPE -> opType = r.readString();
                case DOMAIN -> domain = r.readString();
                // decoded after the loop, when the node's name is known for messages
                case ATTRIBUTE -> attributeReaders.add(r.readMessage("ONNX AttributeProto"));
                default -> r.skipField();
            }
        }
        if (opType.isEmpty()) {
            throw r.messageError("node " + index + (name.isEmpty() ? "" : " '" + name + "'") + " has no op_type");
        }
        if (name.isEmpty()) {
            name = opType + "_" + index;
        }
        if (!OnnxImporter.isDefaultDomain(domain)) {
            throw r.messageError("node '" + name + "' (" + opType + ") is from operator domain '" + domain
                    + "'; jdeepface supports only ONNX's own operators (the default domain)");
        }
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        for (ProtoReader a : attributeReaders) {
            AttributeDecoder.NamedAttribute attr = AttributeDecoder.decode(a, name);
            if (attributes.put(attr.name(), attr.value()) != null) {
                throw a.messageError("node '" + name + "' has attribute '" + attr.name() + "' twice");
            }
        }
        return new Node(name, opType, inputs, outputs, attributes);
    }
}
