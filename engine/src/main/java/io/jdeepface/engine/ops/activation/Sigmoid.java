package io.jdeepface.engine.ops.activation;

import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelSpec;

/** ONNX Sigmoid: {@code y = 1 / (1 + e^-x)}. */
public final class Sigmoid {
    static final Activation ACTIVATION = new Activation(Activation.Kind.SIGMOID, 0, 0, 0);

    private Sigmoid() {}

    public static Kernel create(KernelSpec spec) {
        PointwiseKernel.requireFloat(spec);
        return PointwiseKernel.of(PointwiseKernel.activation(ACTIVATION, 0, spec.vector()));
    }
}
