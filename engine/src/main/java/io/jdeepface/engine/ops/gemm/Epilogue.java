package io.jdeepface.engine.ops.gemm;

import io.jdeepface.engine.ops.activation.Activation;

/**
 * What happens to each accumulated dot product {@code acc} at output {@code (i, j)} before it is
 * stored: {@code y = alpha * acc + beta * bias(i, j)}, then the fused activation (PRelu with
 * {@code slope(i, j)}). This is ONNX Gemm's {@code alpha·A·B + beta·C} plus docs/ir.md's fused
 * activation; a convolution uses alpha = beta = 1 and a per-row bias.
 *
 * @param bias  null when there is none
 * @param slope PRelu's slopes, null unless the activation is PRelu
 */
public record Epilogue(float alpha, float beta, Broadcast bias, Activation activation, Broadcast slope) {

    public static final Epilogue NONE = new Epilogue(1f, 1f, null, Activation.NONE, null);

    public Epilogue {
        if (activation.kind() == Activation.Kind.PRELU && slope == null) {
            throw new IllegalArgumentException("PRelu epilogue without slopes");
        }
    }

    /** Bias and activation as a convolution or a plain linear layer uses them. */
    public static Epilogue of(Broadcast bias, Activation activation, Broadcast slope) {
        return new Epilogue(1f, 1f, bias, activation, slope);
    }

    /** The scalar definition every vectorised epilogue must match. */
    public float apply(float acc, long i, long j) {
        float y = alpha * acc;
        if (bias != null) {
            y += beta * bias.get(i, j);
        }
        return activation.apply(y, slope == null ? 0f : slope.get(i, j));
    }

    /** Whether the epilogue leaves the product untouched (no store pass needed). */
    public boolean isIdentity() {
        return alpha == 1f && bias == null && activation.kind() == Activation.Kind.NONE;
    }
}
