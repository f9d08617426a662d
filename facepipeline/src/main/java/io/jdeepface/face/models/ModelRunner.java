package io.jdeepface.face.models;

import java.util.Map;

/**
 * Runs a model on one input tensor: the seam between a stage's pure pre/post-processing and
 * whatever executes the network (the jdeepface engine in production, ONNX Runtime in tests).
 *
 * <p>Implementations return every output the stage names (see each adapter's constants),
 * as row-major floats of the model's output shape.
 */
@FunctionalInterface
public interface ModelRunner {
    /**
     * @param inputName the model's input name, e.g. {@code "input"}
     * @param shape     the input shape, e.g. {@code [1, 3, 240, 320]}
     * @param input     row-major input values, as many as the shape holds
     * @return outputs by name
     */
    Map<String, float[]> run(String inputName, long[] shape, float[] input);
}
