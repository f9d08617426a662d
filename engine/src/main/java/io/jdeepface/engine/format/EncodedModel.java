package io.jdeepface.engine.format;

import java.util.List;

/**
 * A model ready to be written: the structure section's bytes and where each tensor's data goes in
 * the weights section. The data itself is not copied; it is streamed from the graph's segments.
 */
record EncodedModel(byte[] structure, List<PlacedTensor> tensors, long weightsLength) {
    EncodedModel {
        tensors = List.copyOf(tensors);
    }

    long weightsOffset() {
        return ModelFormat.align(ModelFormat.HEADER_SIZE + (long) structure.length);
    }

    long fileLength() {
        return weightsOffset() + weightsLength;
    }
}
