package io.jdeepface.engine.ops.activation;

import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelSpec;

/** ONNX Relu: {@code y = max(x, 0)}. */
public final class Relu {
    static final Activation ACTIVATION = new Activation(Activation.Kind.RELU, 0, 0, 0);

    private Relu() {}

    public static Kernel create(KernelSpec spec) {
        PointwiseKernel.requireFloat(spec);
        return PointwiseKernel.of(PointwiseKernel.activation(ACTIVATION, 0, spec.vector()));
    }
}
