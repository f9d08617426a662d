package io.jdeepface.converter.install;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Converts one verified source model into a jdeepface model file. The installer supplies it as a
 * dependency so that installing (fetching, verifying, bookkeeping) is testable without the converter.
 */
@FunctionalInterface
public interface ModelConversion {
    /**
     * @param source       the {@code .onnx} file, or the TF.js {@code model.json} with its weight shards beside it
     * @param sourceSha256 the verified SHA-256 of {@code source}, to record in the model's metadata
     * @param target       the file to write; the installer renames it into place once this returns
     */
    void convert(Path source, String sourceSha256, Path target) throws IOException;
}
