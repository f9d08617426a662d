package io.jdeepface.converter.tfjs;

import io.jdeepface.converter.tfjs.ConstantPool.Form;
import io.jdeepface.engine.format.ModelFormatException;
import io.jdeepface.engine.graph.Attribute;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Convolutions, pooling and matrix products: TF's HWIO filters become ONNX's OIHW, TF's window
 * padding becomes explicit ONNX pads, and a fused bias and activation become inputs and
 * attributes of the Conv or Gemm ({@code docs/ir.md}).
 */
final class ConvOps {
    private ConvOps() {}

    static void conv(GraphBuilder b, TfNode n, boolean depthwise, boolean fused) throws ModelFormatException {
        GraphBuilder.requireInputs(n, 2, fused ? 4 : 2);
        GraphBuilder.requireNhwc(n);
        TfValue x = b.image(n, 0);
        Initializer filter = b.constIn(n, 1, "filter");
        if (filter.shape().rank() != 4) {
            throw new ModelFormatException(n.describe() + ": filter '" + filter.name() + "' has shape "
                    + filter.shape() + ", expected 4-D [height, width, in, out]");
        }
        long[] f = filter.shape().dims();
        long inChannels = x.shape()[3];
        long outChannels;
        long group;
        String filterName;
        if (depthwise) {
            if (inChannels != Shape.DYNAMIC && f[2] != inChannels) {
                throw new ModelFormatException(n.describe() + ": depthwise filter for " + f[2]
                        + " channels applied to an input of " + inChannels);
            }
            outChannels = Math.multiplyExact(f[2], f[3]);
            group = f[2];
            filterName = b.constants().get(filter, Form.DEPTHWISE_FILTER);
        } else {
            if (f[2] == 0 || inChannels == Shape.DYNAMIC || inChannels % f[2] != 0) {
                throw new ModelFormatException(n.describe() + ": filter for " + f[2]
                        + " input channels applied to an input of " + Shape.of(x.shape()));
            }
            outChannels = f[3];
            group = inChannels / f[2]; // TF runs a grouped conv when the input has more channels
            filterName = b.constants().get(filter, Form.CONV_FILTER);
        }
        long[] strides = TfWindow.attribute(n, "strides", null);
        long[] dilations = TfWindow.attribute(n, "dilations", new long[] {1, 1, 1, 1});
        TfWindow w = TfWindow.of(n, x.shape(), f[0], f[1], strides, dilations);

        Map<String, Attribute> attrs = new LinkedHashMap<>();
        attrs.put("kernel_shape", GraphBuilder.ints(f[0], f[1]));
        attrs.put("strides", GraphBuilder.ints(strides[1], strides[2]));
        attrs.put("dilations", GraphBuilder.ints(dilations[1], dilations[2]));
        attrs.put("group", new Attribute.Int(group));
        w.addTo(attrs);
        List<String> irInputs = new ArrayList<>(List.of(x.ir(), filterName));
        if (fused) {
            fusedOps(b, n, outChannels, irInputs, attrs);
        }
        long[] out = {x.shape()[0], w.outH(), w.outW(), outChannels};
        b.emitFor(n, "Conv", irInputs, attrs, x.type(), out);
    }

    static void matMul(GraphBuilder b, TfNode n, boolean fused) throws ModelFormatException {
        GraphBuilder.requireInputs(n, 2, fused ? 4 : 2);
        TfValue left = b.in(n, 0);
        TfValue right = b.in(n, 1);
        if (left.rank() != 2 || right.rank() != 2) {
            throw new ModelFormatException(n.describe() + ": multiplies " + Shape.of(left.shape()) + " by "
                    + Shape.of(right.shape()) + "; only 2-D matrices are supported");
        }
        boolean transA = n.boolAttr("transpose_a", false);
        boolean transB = n.boolAttr("transpose_b", false);
        long rows = left.shape()[transA ? 1 : 0];
        long inner = left.shape()[transA ? 0 : 1];
        long innerRight = right.shape()[transB ? 1 : 0];
        long cols = right.shape()[transB ? 0 : 1];
        if (inner != innerRight && inner != Shape.DYNAMIC && innerRight != Shape.DYNAMIC) {
            throw new ModelFormatException(n.describe() + ": inner dimensions differ: " + inner + " and " + innerRight);
        }
        // Gemm computes A' * B' + C with A' = transA ? A^T : A; TF's weights are B as they are.
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        attrs.put("transA", new Attribute.Int(transA ? 1 : 0));
        attrs.put("transB", new Attribute.Int(transB ? 1 : 0));
        List<String> irInputs = new ArrayList<>(List.of(b.operand(left, false), b.operand(right, false)));
        if (fused) {
            fusedOps(b, n, cols, irInputs, attrs);
        }
        b.emitFor(n, "Gemm", irInputs, attrs, left.type(), new long[] {rows, cols});
    }

    /**
     * The {@code fused_ops} of _FusedConv2D / _FusedMatMul: BiasAdd, optionally followed by an
     * activation. Extra inputs ({@code num_args}) are the bias and, for Prelu, the slope.
     */
    private static void fusedOps(GraphBuilder b, TfNode n, long channels, List<String> irInputs, Map<String, Attribute> attrs)
            throws ModelFormatException {
        List<String> ops = n.stringsAttr("fused_ops");
        long numArgs = n.intAttr("num_args", n.inputs().size() - 2);
        if (ops.isEmpty() || !ops.getFirst().equals("BiasAdd") || ops.size() > 2) {
            throw new ModelFormatException(n.describe() + ": fused ops " + ops
                    + " are not supported (BiasAdd with an optional activation is)");
        }
        String activation = ops.size() == 2 ? ops.get(1) : "";
        int expectedArgs = activation.equals("Prelu") ? 2 : 1;
        if (numArgs != expectedArgs || n.inputs().size() != 2 + expectedArgs) {
            throw new ModelFormatException(n.describe() + ": fused ops " + ops + " take " + expectedArgs
                    + " extra inputs, the node has " + (n.inputs().size() - 2) + " (num_args " + numArgs + ")");
        }
        irInputs.add(channelVector(b, n, 2, "bias", channels));
        switch (activation) {
            case "" -> { }
            case "Relu" -> attrs.put("activation", new Attribute.Str("Relu"));
            case "Relu6" -> {
                attrs.put("activation", new Attribute.Str("Clip"));
                attrs.put("activation_min", new Attribute.Float(0f));
                attrs.put("activation_max", new Attribute.Float(6f));
            }
            case "LeakyRelu" -> {
                attrs.put("activation", new Attribute.Str("LeakyRelu"));
                attrs.put("activation_alpha", new Attribute.Float(n.floatAttr("leakyrelu_alpha", 0.2f)));
            }
            case "Sigmoid" -> attrs.put("activation", new Attribute.Str("Sigmoid"));
            case "Prelu" -> {
                attrs.put("activation", new Attribute.Str("PRelu"));
                irInputs.add(channelVector(b, n, 3, "PReLU slope", channels));
            }
            default -> throw new ModelFormatException(n.describe() + ": fused activation '" + activation
                    + "' is not supported (Relu, Relu6, LeakyRelu, Sigmoid and Prelu are)");
        }
    }

    /** A per-channel constant input as a vector of {@code channels} elements (a single value is repeated). */
    private static String channelVector(GraphBuilder b, TfNode n, int index, String role, long channels) throws ModelFormatException {
        Initializer c = b.constIn(n, index, role);
        if (c.type() != DataType.FLOAT32) {
            throw new ModelFormatException(n.describe() + ": " + role + " '" + c.name() + "' must be float32");
        }
        if (c.elementCount() == channels) {
            return b.constants().get(c, Form.VECTOR);
        }
        if (c.elementCount() == 1 && channels != Shape.DYNAMIC) {
            float[] repeated = new float[Math.toIntExact(channels)];
            Arrays.fill(repeated, c.toFloatArray()[0]);
            return b.constants().add(Initializer.ofFloats(c.name() + "/repeated", Shape.of(channels), repeated));
        }
        throw new ModelFormatException(n.describe() + ": " + role + " '" + c.name() + "' has shape "
                + c.shape() + ", expected " + channels + " values, one per channel");
    }

    static void pool(GraphBuilder b, TfNode n, String onnxOp) throws ModelFormatException {
        GraphBuilder.requireInputs(n, 1, 1);
        GraphBuilder.requireNhwc(n);
        TfValue x = b.image(n, 0);
        long[] ksize = TfWindow.attribute(n, "ksize", null);
        long[] strides = TfWindow.attribute(n, "strides", null);
        TfWindow w = TfWindow.of(n, x.shape(), ksize[1], ksize[2], strides, new long[] {1, 1, 1, 1});
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        attrs.put("kernel_shape", GraphBuilder.ints(ksize[1], ksize[2]));
        attrs.put("strides", GraphBuilder.ints(strides[1], strides[2]));
        w.addTo(attrs);
        // TF's average pooling ignores padded cells, which is ONNX's default (count_include_pad = 0).
        b.emitFor(n, onnxOp, List.of(x.ir()), attrs, x.type(), new long[] {x.shape()[0], w.outH(), w.outW(), x.shape()[3]});
    }
}
