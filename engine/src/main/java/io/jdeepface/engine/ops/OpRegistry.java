package io.jdeepface.engine.ops;

import io.jdeepface.engine.ops.activation.Clip;
import io.jdeepface.engine.ops.activation.Exp;
import io.jdeepface.engine.ops.activation.LeakyRelu;
import io.jdeepface.engine.ops.activation.PRelu;
import io.jdeepface.engine.ops.activation.Relu;
import io.jdeepface.engine.ops.activation.Sigmoid;
import io.jdeepface.engine.ops.activation.Tanh;
import io.jdeepface.engine.ops.conv.Conv;
import io.jdeepface.engine.ops.elementwise.BinaryElementwise;
import io.jdeepface.engine.ops.gemm.GemmOp;
import io.jdeepface.engine.ops.gemm.MatMulOp;
import io.jdeepface.engine.ops.layout.Concat;
import io.jdeepface.engine.ops.layout.Pad;
import io.jdeepface.engine.ops.layout.Reshape;
import io.jdeepface.engine.ops.layout.Slice;
import io.jdeepface.engine.ops.layout.Split;
import io.jdeepface.engine.ops.layout.Transpose;
import io.jdeepface.engine.ops.pool.Pooling;
import io.jdeepface.engine.ops.reduce.ReduceMean;
import io.jdeepface.engine.ops.softmax.Softmax;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The one table from ONNX op type to the factory that builds its kernel. An op type not listed is
 * rejected with the list of what is supported.
 */
public final class OpRegistry {
    private static final Map<String, Function<KernelSpec, Kernel>> FACTORIES = Map.ofEntries(
            Map.entry("Conv", Conv::create),
            Map.entry("Gemm", GemmOp::create),
            Map.entry("MatMul", MatMulOp::create),
            Map.entry("Add", BinaryElementwise::create),
            Map.entry("Sub", BinaryElementwise::create),
            Map.entry("Mul", BinaryElementwise::create),
            Map.entry("Div", BinaryElementwise::create),
            Map.entry("Max", BinaryElementwise::create),
            Map.entry("Min", BinaryElementwise::create),
            Map.entry("MaxPool", Pooling::create),
            Map.entry("AveragePool", Pooling::create),
            Map.entry("GlobalAveragePool", Pooling::create),
            Map.entry("Softmax", Softmax::create),
            Map.entry("ReduceMean", ReduceMean::create),
            Map.entry("Reshape", Reshape::create),
            Map.entry("Flatten", Reshape::create),
            Map.entry("Squeeze", Reshape::create),
            Map.entry("Unsqueeze", Reshape::create),
            Map.entry("Identity", Reshape::create),
            Map.entry("Transpose", Transpose::create),
            Map.entry("Slice", Slice::create),
            Map.entry("Concat", Concat::create),
            Map.entry("Split", Split::create),
            Map.entry("Pad", Pad::create),
            Map.entry("Relu", Relu::create),
            Map.entry("Clip", Clip::create),
            Map.entry("LeakyRelu", LeakyRelu::create),
            Map.entry("PRelu", PRelu::create),
            Map.entry("Sigmoid", Sigmoid::create),
            Map.entry("Tanh", Tanh::create),
            Map.entry("Exp", Exp::create));

    private OpRegistry() {}

    public static Kernel create(KernelSpec spec) {
        Function<KernelSpec, Kernel> f = FACTORIES.get(spec.node().opType());
        if (f == null) {
            throw new UnsupportedOperatorException("operator '" + spec.node().opType() + "' (node '"
                    + spec.node().name() + "') is not supported by the engine; supported: " + supported());
        }
        return f.apply(spec);
    }

    public static Set<String> supported() {
        return new TreeSet<>(FACTORIES.keySet());
    }
}
