package io.jdeepface.engine.graph;

import java.util.Map;

/**
 * Where a converted model came from. {@code properties} carries free-form extras (producer name,
 * opset, original layout of inputs) that tools display but the engine does not interpret.
 */
public record ModelMetadata(String sourceName, String sourceSha256, String sourceFormat,
                            String converterVersion, Map<String, String> properties) {
    public ModelMetadata {
        properties = Map.copyOf(properties);
    }

    public static ModelMetadata unknown() {
        return new ModelMetadata("", "", "", "", Map.of());
    }
}
