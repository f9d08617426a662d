package io.jdeepface.engine.ops.activation;

import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.ops.UnsupportedOperatorException;

/**
 * An activation fused into the epilogue of a Conv or Gemm (see docs/ir.md), or applied by a
 * standalone activation node. {@code alpha} is LeakyRelu's slope; {@code min}/{@code max} are Clip's
 * bounds; PRelu's per-channel slopes are not here but an input tensor of the node.
 */
public record Activation(Kind kind, float alpha, float min, float max) {

    public enum Kind { NONE, RELU, CLIP, LEAKY_RELU, PRELU, SIGMOID }

    public static final Activation NONE = new Activation(Kind.NONE, 0, 0, 0);

    /** The fused activation recorded on a Conv or Gemm node, NONE when there is none. */
    public static Activation fusedOn(Node node) {
        String name = node.stringAttr("activation", "");
        return switch (name) {
            case "" -> NONE;
            case "Relu" -> new Activation(Kind.RELU, 0, 0, 0);
            case "Clip" -> new Activation(Kind.CLIP, 0,
                    node.floatAttr("activation_min", Float.NEGATIVE_INFINITY),
                    node.floatAttr("activation_max", Float.POSITIVE_INFINITY));
            case "LeakyRelu" -> new Activation(Kind.LEAKY_RELU, node.floatAttr("activation_alpha", 0.01f), 0, 0);
            case "PRelu" -> new Activation(Kind.PRELU, 0, 0, 0);
            case "Sigmoid" -> new Activation(Kind.SIGMOID, 0, 0, 0);
            default -> throw new UnsupportedOperatorException(
                    "node '" + node.name() + "' (" + node.opType() + ") has unsupported fused activation '" + name + "'");
        };
    }

    /** Scalar definition, the ground truth for every vectorised epilogue. {@code slope} is PRelu's. */
    public float apply(float x, float slope) {
        return switch (kind) {
            case NONE -> x;
            case RELU -> Math.max(x, 0f);
            case CLIP -> Math.min(Math.max(x, min), max);
            case LEAKY_RELU -> x >= 0 ? x : x * alpha;
            case PRELU -> x >= 0 ? x : x * slope;
            case SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-x)));
        };
    }
}
