package io.jdeepface.converter.tfjs;

import io.jdeepface.converter.tfjs.JsonValue.JsonObject;
import io.jdeepface.engine.format.ModelFormatException;
import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.GraphValidator;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.InvalidGraphException;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ValueInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a TF.js graph model ({@code model.json} plus its weight shards) into the IR: ONNX ops,
 * NCHW inside, the model's NHWC interface kept by Transposes at the inputs and outputs.
 */
public final class TfjsImporter {
    private static final System.Logger LOG = System.getLogger(TfjsImporter.class.getName());

    private TfjsImporter() {}

    /**
     * Imports a graph model.
     *
     * @param modelJson the model.json; its weight shards are read from the same folder
     * @throws ModelFormatException the files are malformed, inconsistent or use an unsupported op
     * @throws IOException the files cannot be read
     */
    public static TfjsModel read(Path modelJson) throws IOException {
        long size = Files.size(modelJson);
        if (size > JsonParser.DEFAULT_MAX_LENGTH) {
            throw new ModelFormatException(modelJson + ": " + size + " bytes is too large for a model.json");
        }
        String source = String.valueOf(modelJson.getFileName());
        JsonObject root = JsonParser.parseUtf8(source, Files.readAllBytes(modelJson)).asObject(source);
        try {
            return read(root, modelJson.toAbsolutePath().getParent(), graphName(source));
        } catch (ModelFormatException e) {
            throw new ModelFormatException(source + ": " + e.getMessage(), e.getCause());
        }
    }

    /** The TF ops the importer maps to the IR (Placeholder, Const, Conv2D, ...), sorted. */
    public static Set<String> supportedOps() {
        return java.util.Collections.unmodifiableSet(TfjsGraphConverter.supportedOps());
    }

    private static TfjsModel read(JsonObject root, Path dir, String graphName) throws ModelFormatException {
        String format = optionalString(root, "format");
        if (!format.isEmpty() && !format.equals("graph-model")) {
            throw new ModelFormatException("format '" + format + "' is not supported; only TF.js graph models"
                    + " (format \"graph-model\") are");
        }
        JsonObject topology = root.require("modelTopology", "model.json").asObject("modelTopology");
        TfGraphDef def = TfGraphDef.read(topology);
        Map<String, Initializer> weights = WeightsReader.read(root.get("weightsManifest"), dir);

        Map<String, String> signatureKeys = new LinkedHashMap<>();
        List<String> outputs = outputRefs(root, def, signatureKeys);
        Graph g = prune(ClipFolding.apply(new TfjsGraphConverter(def, weights).convert(graphName, outputs)));
        try {
            GraphValidator.validate(g);
        } catch (InvalidGraphException e) {
            throw new ModelFormatException("the converted graph is inconsistent: " + e.getMessage(), e);
        }
        Set<String> nhwc = new HashSet<>();
        for (ValueInfo v : g.inputs()) {
            if (v.shape().rank() == 4) {
                nhwc.add(v.name());
            }
        }
        for (ValueInfo v : g.outputs()) {
            if (v.shape().rank() == 4) {
                nhwc.add(v.name());
            }
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "imported TF.js model " + graphName + ": " + g.opCounts());
        return new TfjsModel(g, format, optionalString(root, "generatedBy"), optionalString(root, "convertedBy"),
                signatureKeys, nhwc);
    }

    /**
     * The model outputs: those of {@code signature.outputs} in file order (as TF.js orders them),
     * else every node whose result nothing reads, constants excepted.
     */
    private static List<String> outputRefs(JsonObject root, TfGraphDef def, Map<String, String> signatureKeys)
            throws ModelFormatException {
        List<String> refs = new ArrayList<>();
        JsonValue signature = root.get("signature");
        if (signature != null && signature.asObject("signature").has("outputs")) {
            JsonObject outs = signature.asObject("signature").get("outputs").asObject("signature.outputs");
            for (Map.Entry<String, JsonValue> e : outs.members().entrySet()) {
                String what = "signature.outputs." + e.getKey();
                JsonObject o = e.getValue().asObject(what);
                String name = o.has("name") ? o.get("name").asString(what + ".name") : e.getKey();
                refs.add(name);
                signatureKeys.put(TfGraphDef.TensorRef.parse(name).node(), e.getKey());
            }
            if (!refs.isEmpty()) {
                return refs;
            }
        }
        Set<String> consumed = new HashSet<>();
        for (TfNode n : def.nodes()) {
            for (String in : n.inputs()) {
                consumed.add(TfGraphDef.TensorRef.parse(in).node());
            }
        }
        for (TfNode n : def.byName().values()) {
            if (!consumed.contains(n.name()) && !n.op().equals("Const")) {
                refs.add(n.name());
            }
        }
        return refs;
    }

    /** Drops initializers and shape records that no node uses any more. */
    private static Graph prune(Graph g) {
        Set<String> used = new HashSet<>();
        Set<String> computed = new HashSet<>();
        for (Node n : g.nodes()) {
            used.addAll(n.inputs());
            computed.addAll(n.outputs());
        }
        for (ValueInfo o : g.outputs()) {
            used.add(o.name());
        }
        Map<String, Initializer> inits = new LinkedHashMap<>();
        g.initializers().forEach((k, v) -> {
            if (used.contains(k)) {
                inits.put(k, v);
            }
        });
        Map<String, ValueInfo> infos = new LinkedHashMap<>();
        g.valueInfos().forEach((k, v) -> {
            if (computed.contains(k)) {
                infos.put(k, v);
            }
        });
        return g.withInitializers(inits).withValueInfos(infos);
    }

    private static String optionalString(JsonObject o, String key) throws ModelFormatException {
        JsonValue v = o.get(key);
        return v == null ? "" : v.asString(key);
    }

    private static String graphName(String fileName) {
        return fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
    }
}
