package io.jdeepface.engine.ops.activation;

import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelSpec;

/** ONNX Exp: {@code y = e^x} (overflows to +inf above about 88.72, as float does). */
public final class Exp {
    private Exp() {}

    public static Kernel create(KernelSpec spec) {
        PointwiseKernel.requireFloat(spec);
        return PointwiseKernel.of(spec.vector() ? ActivationVector::exp : ActivationReference::exp);
    }
}
