package io.jdeepface.engine.ops.activation;

import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelSpec;

/** ONNX LeakyRelu: {@code y = x >= 0 ? x : alpha * x}, attribute {@code alpha} (default 0.01). */
public final class LeakyRelu {
    private LeakyRelu() {}

    public static Kernel create(KernelSpec spec) {
        PointwiseKernel.requireFloat(spec);
        float alpha = spec.node().floatAttr("alpha", 0.01f);
        Activation a = new Activation(Activation.Kind.LEAKY_RELU, alpha, 0, 0);
        return PointwiseKernel.of(PointwiseKernel.activation(a, 0, spec.vector()));
    }
}
