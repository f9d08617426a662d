package io.jdeepface.converter.passes;

import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.ShapeInference;

/** Fills in the type and shape of every value ({@link ShapeInference#infer(Graph)}). */
public final class InferShapes implements GraphPass {
    @Override
    public String name() {
        return "infer-shapes";
    }

    @Override
    public Graph apply(Graph graph) {
        return ShapeInference.infer(graph);
    }
}
