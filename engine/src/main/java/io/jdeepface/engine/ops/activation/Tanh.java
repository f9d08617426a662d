package io.jdeepface.engine.ops.activation;

import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelSpec;

/** ONNX Tanh: {@code y = tanh(x)}. */
public final class Tanh {
    private Tanh() {}

    public static Kernel create(KernelSpec spec) {
        PointwiseKernel.requireFloat(spec);
        return PointwiseKernel.of(spec.vector() ? ActivationVector::tanh : ActivationReference::tanh);
    }
}
