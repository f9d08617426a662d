package io.jdeepface.converter.onnx;

import io.jdeepface.engine.graph.Graph;
import java.util.Map;

/**
 * An imported ONNX model: the graph in our IR plus the model-level facts of the file.
 *
 * @param graph the graph; initializers that the file also listed as inputs are not inputs here
 * @param irVersion ONNX IR version of the file format
 * @param opsets operator set versions by domain; ONNX's own operators are under {@code ""}
 * @param producerName tool that wrote the file, e.g. "pytorch" (may be empty)
 * @param producerVersion version of that tool (may be empty)
 * @param metadata the file's free-form {@code metadata_props}
 */
public record OnnxModel(Graph graph, long irVersion, Map<String, Long> opsets, String producerName,
                        String producerVersion, Map<String, String> metadata) {
    public OnnxModel {
        opsets = Map.copyOf(opsets);
        metadata = Map.copyOf(metadata);
    }

    /** The version of ONNX's own operator set the graph uses, or 0 when the file does not say. */
    public long defaultOpset() {
        return opsets.getOrDefault("", 0L);
    }

    /** "name version" of the producing tool, e.g. "pytorch 1.9". */
    public String producer() {
        return producerVersion.isEmpty() ? producerName : producerName + " " + producerVersion;
    }
}
