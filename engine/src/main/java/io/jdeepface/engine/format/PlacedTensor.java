package io.jdeepface.engine.format;

import java.lang.foreign.MemorySegment;

/** Tensor data the writer puts at {@code offset} bytes into the weights section. */
record PlacedTensor(String description, MemorySegment data, long offset) {
    long end() {
        return offset + data.byteSize();
    }
}
