package io.jdeepface.engine.format;

import java.io.IOException;

/**
 * A model file (ONNX, TF.js or ours) is truncated, corrupt, hostile or uses something we do not
 * support. The message names the file region or element at fault so that a user can act on it.
 */
public class ModelFormatException extends IOException {
    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
