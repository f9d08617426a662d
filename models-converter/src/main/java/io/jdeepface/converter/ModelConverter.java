package io.jdeepface.converter;

import java.io.IOException;
import java.nio.file.Path;

/**
 * TEMPORARY placeholder so that the h-install branch compiles; the lead replaces this whole file at
 * merge with the real converter (ONNX / TF.js reader, graph passes, model format writer). It keeps
 * the two entry points the app wiring uses and refuses to convert anything.
 */
public final class ModelConverter {
    /** Version of the conversion passes; recorded per installed model, a change triggers re-conversion. */
    public static final String VERSION = "0.0.0-placeholder";
    /** Version of the model file format written. */
    public static final int FORMAT_VERSION = 0;

    /** A converted model, ready to be written. */
    public record Result(Path source) {
    }

    private ModelConverter() {
    }

    public static Result convert(Path source) throws IOException {
        throw new UnsupportedOperationException("this build has no model converter yet (placeholder "
                + ModelConverter.class.getName() + "); cannot convert " + source);
    }

    public static void write(Result result, Path target) throws IOException {
        throw new UnsupportedOperationException("this build has no model format writer yet (placeholder "
                + ModelConverter.class.getName() + ")");
    }
}
