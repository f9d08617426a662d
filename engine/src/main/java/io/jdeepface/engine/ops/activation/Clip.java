package io.jdeepface.engine.ops.activation;

import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.ops.Kernel;
import io.jdeepface.engine.ops.KernelSpec;
import io.jdeepface.engine.ops.UnsupportedOperatorException;
import io.jdeepface.engine.tensor.DataType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * ONNX Clip: {@code y = min(max(x, min), max)}. Before opset 11 the bounds are attributes
 * {@code min}/{@code max} (defaults: the float range); from opset 11 they are optional scalar inputs
 * 1 and 2 (default: no bound), usually constants, otherwise read at each run. When min exceeds max
 * every output is max, as ONNX specifies; NaN stays NaN.
 */
public final class Clip {
    private Clip() {}

    public static Kernel create(KernelSpec spec) {
        PointwiseKernel.requireFloat(spec);
        Node node = spec.node();
        boolean vector = spec.vector();
        if (node.attribute("min").isPresent() || node.attribute("max").isPresent()) {
            Activation a = clip(node.floatAttr("min", -Float.MAX_VALUE), node.floatAttr("max", Float.MAX_VALUE));
            return PointwiseKernel.of(PointwiseKernel.activation(a, 0, vector));
        }
        Float min = constantBound(spec, 1);
        Float max = constantBound(spec, 2);
        boolean minAtRunTime = node.hasInput(1) && min == null;
        boolean maxAtRunTime = node.hasInput(2) && max == null;
        float lo = min == null ? Float.NEGATIVE_INFINITY : min;
        float hi = max == null ? Float.POSITIVE_INFINITY : max;
        if (!minAtRunTime && !maxAtRunTime) {
            return PointwiseKernel.of(PointwiseKernel.activation(clip(lo, hi), 0, vector));
        }
        return (inputs, outputs, parallel) -> {
            Activation a = clip(minAtRunTime ? scalar(inputs[1], node, "min") : lo,
                    maxAtRunTime ? scalar(inputs[2], node, "max") : hi);
            PointwiseKernel.run(inputs[0], outputs[0], parallel, PointwiseKernel.activation(a, 0, vector));
        };
    }

    private static Activation clip(float min, float max) {
        return new Activation(Activation.Kind.CLIP, 0, min, max);
    }

    /** The value of constant bound input {@code i}, or null when it is absent or computed at run time. */
    private static Float constantBound(KernelSpec spec, int i) {
        if (!spec.node().hasInput(i)) {
            return null;
        }
        Initializer c = spec.constant(i);
        if (c == null) {
            return null;
        }
        if (c.type() != DataType.FLOAT32 || c.elementCount() != 1) {
            throw new UnsupportedOperatorException("node '" + spec.node().name() + "' (Clip): bound '"
                    + c.name() + "' must be one float32, is " + c.type() + c.shape());
        }
        return c.toFloatArray()[0];
    }

    private static float scalar(MemorySegment bound, Node node, String which) {
        if (bound.byteSize() != Float.BYTES) {
            throw new IllegalArgumentException("node '" + node.name() + "' (Clip): " + which
                    + " bound holds " + bound.byteSize() + " bytes, expected one float");
        }
        return bound.get(ValueLayout.JAVA_FLOAT_UNALIGNED, 0);
    }
}
