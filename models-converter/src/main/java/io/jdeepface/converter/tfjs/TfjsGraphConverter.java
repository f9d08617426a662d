package io.jdeepface.converter.tfjs;

import io.jdeepface.engine.format.ModelFormatException;
import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps the nodes of a TF graph, in topological order, to IR nodes. Sources (inputs, constants,
 * Identity aliases) are handled here; each other op goes to its mapper.
 */
final class TfjsGraphConverter {
    private static final Set<String> SUPPORTED = new TreeSet<>(List.of(
            "Placeholder", "Const", "Identity", "Conv2D", "_FusedConv2D", "DepthwiseConv2dNative",
            "_FusedDepthwiseConv2dNative", "Add", "AddV2", "BiasAdd", "Sub", "Mul", "Minimum", "Maximum",
            "Relu", "Relu6", "Sigmoid", "Tanh", "Prelu", "MaxPool", "AvgPool", "Pad", "PadV2", "Mean",
            "Reshape", "ConcatV2", "MatMul", "_FusedMatMul", "Softmax"));

    private final TfGraphDef def;
    private final Map<String, Initializer> weights;
    private final GraphBuilder b;

    TfjsGraphConverter(TfGraphDef def, Map<String, Initializer> weights) {
        this.def = def;
        this.weights = weights;
        this.b = new GraphBuilder(def.byName().keySet());
    }

    static Set<String> supportedOps() {
        return SUPPORTED;
    }

    /**
     * Converts the whole graph.
     *
     * @param outputRefs the tensors the model outputs ({@code "name"} or {@code "name:0"}), in order
     */
    Graph convert(String graphName, List<String> outputRefs) throws ModelFormatException {
        for (TfNode n : def.nodes()) {
            try {
                convertNode(n);
            } catch (ArithmeticException e) {
                throw new ModelFormatException(n.describe() + ": sizes overflow (" + e.getMessage() + ")");
            }
        }
        return b.build(graphName, GraphOutputs.finish(b, outputRefs));
    }

    private void convertNode(TfNode n) throws ModelFormatException {
        switch (n.op()) {
            case "Placeholder" -> placeholder(n);
            case "Const" -> constant(n);
            case "Identity" -> {
                GraphBuilder.requireInputs(n, 1, 1);
                b.bind(n.name(), b.in(n, 0)); // an alias: consumers read the source directly
            }
            case "Conv2D" -> ConvOps.conv(b, n, false, false);
            case "_FusedConv2D" -> ConvOps.conv(b, n, false, true);
            case "DepthwiseConv2dNative" -> ConvOps.conv(b, n, true, false);
            case "_FusedDepthwiseConv2dNative" -> ConvOps.conv(b, n, true, true);
            case "MatMul" -> ConvOps.matMul(b, n, false);
            case "_FusedMatMul" -> ConvOps.matMul(b, n, true);
            case "MaxPool" -> ConvOps.pool(b, n, "MaxPool");
            case "AvgPool" -> ConvOps.pool(b, n, "AveragePool");
            case "Add", "AddV2", "BiasAdd" -> ElementwiseOps.binary(b, n, "Add");
            case "Sub" -> ElementwiseOps.binary(b, n, "Sub");
            case "Mul" -> ElementwiseOps.binary(b, n, "Mul");
            case "Minimum" -> ElementwiseOps.binary(b, n, "Min");
            case "Maximum" -> ElementwiseOps.binary(b, n, "Max");
            case "Prelu" -> ElementwiseOps.binary(b, n, "PRelu");
            case "Relu" -> ElementwiseOps.unary(b, n, "Relu");
            case "Sigmoid" -> ElementwiseOps.unary(b, n, "Sigmoid");
            case "Tanh" -> ElementwiseOps.unary(b, n, "Tanh");
            case "Relu6" -> ElementwiseOps.relu6(b, n);
            case "Softmax" -> ElementwiseOps.softmax(b, n);
            case "Pad", "PadV2" -> ShapeOps.pad(b, n);
            case "Mean" -> ShapeOps.mean(b, n);
            case "Reshape" -> ShapeOps.reshape(b, n);
            case "ConcatV2" -> ShapeOps.concat(b, n);
            default -> throw new ModelFormatException("unsupported TF.js op '" + n.op() + "' in node '"
                    + n.name() + "'; supported ops: " + String.join(", ", SUPPORTED));
        }
    }

    /** A model input. An image input keeps TF's NHWC interface and is transposed to NCHW right away. */
    private void placeholder(TfNode n) throws ModelFormatException {
        GraphBuilder.requireInputs(n, 0, 0);
        long[] shape = n.shapeAttr("shape");
        if (shape == null) {
            throw new ModelFormatException(n.describe() + ": the input needs a shape attribute with a known rank");
        }
        String dtype = n.typeAttr("dtype", "DT_FLOAT");
        DataType type = switch (dtype) {
            case "DT_FLOAT" -> DataType.FLOAT32;
            case "DT_INT32" -> DataType.INT32;
            default -> throw new ModelFormatException(n.describe() + ": input type '" + dtype
                    + "' is not supported (DT_FLOAT and DT_INT32 are)");
        };
        b.addInput(new ValueInfo(n.name(), type, Shape.of(shape)));
        if (shape.length == 4) {
            String nchw = b.names().fresh(n.name() + "/nchw");
            b.emit(n.name() + "/to_nchw", "Transpose", List.of(n.name()),
                    Map.of("perm", GraphBuilder.ints(Nhwc.TO_NCHW)), nchw, type, shape, true);
            b.bind(n.name(), new TfValue(nchw, type, shape, null));
        } else {
            b.bind(n.name(), new TfValue(n.name(), type, shape, null));
        }
    }

    /** A constant: its values come from the weights manifest (or, rarely, from the node itself). */
    private void constant(TfNode n) throws ModelFormatException {
        GraphBuilder.requireInputs(n, 0, 0);
        Initializer init = weights.get(n.name());
        if (init == null && n.attrs().get("value") != null && n.attrs().get("value").has("tensor")) {
            String what = n.describe() + " attribute 'value'";
            init = InlineTensor.read(n.name(), n.attrs().get("value").get("tensor").asObject(what), what);
        }
        if (init == null) {
            throw new ModelFormatException(n.describe() + ": no weights named '" + n.name()
                    + "' in the weightsManifest and no values in the node");
        }
        b.bind(n.name(), new TfValue(null, init.type(), init.shape().dims(), init));
    }
}
