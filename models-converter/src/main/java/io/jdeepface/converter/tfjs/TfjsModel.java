package io.jdeepface.converter.tfjs;

import io.jdeepface.engine.graph.Graph;
import java.util.Map;
import java.util.Set;

/**
 * An imported TF.js graph model: the graph in our IR plus the model-level facts of model.json.
 *
 * @param graph the graph (NCHW inside; see {@code nhwcInterface})
 * @param format the file's {@code format}, normally "graph-model"
 * @param generatedBy the file's {@code generatedBy} (the original model's origin; may be empty)
 * @param convertedBy the file's {@code convertedBy} (the converter tool; may be empty)
 * @param signatureKeys for outputs listed in the file's signature: output name to signature key
 *                      (facemesh: "Identity_2" to "output_mesh")
 * @param nhwcInterface graph inputs and outputs that are 4-D images in TF's NHWC layout: callers
 *                      feed and receive them exactly as with TF.js
 */
public record TfjsModel(Graph graph, String format, String generatedBy, String convertedBy,
                        Map<String, String> signatureKeys, Set<String> nhwcInterface) {
    public TfjsModel {
        signatureKeys = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(signatureKeys));
        nhwcInterface = Set.copyOf(nhwcInterface);
    }
}
