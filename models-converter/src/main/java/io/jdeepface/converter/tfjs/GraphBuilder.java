package io.jdeepface.converter.tfjs;

import io.jdeepface.converter.tfjs.ConstantPool.Form;
import io.jdeepface.converter.tfjs.TfGraphDef.TensorRef;
import io.jdeepface.engine.format.ModelFormatException;
import io.jdeepface.engine.graph.Attribute;
import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The IR graph under construction, and which IR value holds each TF tensor. The op mappers
 * ({@link ConvOps}, {@link ShapeOps}, {@link ElementwiseOps}) read their inputs and emit their
 * nodes through it.
 *
 * <p>Layout rule: every computed 4-D value is an NHWC image in TF and is held as NCHW in the IR;
 * other values are held as they are. Shapes are passed in TF layout ("tf shape") and recorded in
 * IR layout in {@code valueInfos}.
 */
final class GraphBuilder {
    private final ValueNames names;
    private final ConstantPool constants;
    private final Map<String, TfValue> values = new HashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private final List<ValueInfo> inputs = new ArrayList<>();
    private final Map<String, ValueInfo> valueInfos = new LinkedHashMap<>();

    GraphBuilder(Iterable<String> tfNodeNames) {
        this.names = new ValueNames(tfNodeNames);
        this.constants = new ConstantPool(names);
    }

    ValueNames names() {
        return names;
    }

    ConstantPool constants() {
        return constants;
    }

    List<ValueInfo> inputs() {
        return inputs;
    }

    void addInput(ValueInfo input) {
        inputs.add(input);
    }

    /** Records which value holds TF node {@code tfName}'s output. */
    void bind(String tfName, TfValue value) {
        values.put(tfName, value);
    }

    /** The value of TF node {@code tfName}, or null when it has none (yet). */
    TfValue value(String tfName) {
        return values.get(tfName);
    }

    Graph build(String name, List<ValueInfo> outputs) {
        return new Graph(name, inputs, outputs, nodes, constants.initializers(), valueInfos);
    }

    // ---- reading inputs ---------------------------------------------------------------------

    static void requireInputs(TfNode n, int min, int max) throws ModelFormatException {
        int count = n.inputs().size();
        if (count < min || count > max) {
            String expected = min == max ? Integer.toString(min)
                    : max == Integer.MAX_VALUE ? "at least " + min : min + " to " + max;
            throw new ModelFormatException(n.describe() + " has " + count + " inputs, expected " + expected);
        }
    }

    static void requireNhwc(TfNode n) throws ModelFormatException {
        String format = n.stringAttr("data_format", "NHWC");
        if (!format.equals("NHWC")) {
            throw new ModelFormatException(n.describe() + ": data_format '" + format + "' is not supported (NHWC is)");
        }
    }

    /** Input {@code i} of {@code n}. */
    TfValue in(TfNode n, int i) throws ModelFormatException {
        String ref = n.inputs().get(i);
        TensorRef r = TensorRef.parse(ref);
        TfValue v = values.get(r.node());
        if (v == null) {
            throw new ModelFormatException(n.describe() + " reads '" + ref + "', which is not computed before it");
        }
        if (r.output() != 0) {
            throw new ModelFormatException(n.describe() + " reads output " + r.output() + " of '" + r.node()
                    + "', which has only one output");
        }
        return v;
    }

    /** Input {@code i}, which must be a computed NHWC image. */
    TfValue image(TfNode n, int i) throws ModelFormatException {
        TfValue v = in(n, i);
        if (!v.isImage()) {
            throw new ModelFormatException(n.describe() + ": input '" + n.inputs().get(i) + "' must be a computed "
                    + "4-D NHWC tensor, found " + (v.isConstant() ? "a constant of shape " : "shape ") + Shape.of(v.shape()));
        }
        return v;
    }

    /** Input {@code i}, which must be a constant (a filter, axes, a target shape...). */
    Initializer constIn(TfNode n, int i, String role) throws ModelFormatException {
        TfValue v = in(n, i);
        if (!v.isConstant()) {
            throw new ModelFormatException(n.describe() + ": the " + role + " ('" + n.inputs().get(i)
                    + "') must be a constant");
        }
        return v.constant();
    }

    /**
     * The IR name of an operand. A constant is converted to the form it needs; in an op on images
     * ({@code image}) a computed operand of lower rank can only broadcast if all its sizes are 1.
     */
    String operand(TfValue v, boolean image) throws ModelFormatException {
        if (v.isConstant()) {
            return constants.get(v.constant(), image ? Form.NCHW_BROADCAST : Form.AS_IS);
        }
        if (image && v.rank() != 4 && !allOnes(v.shape())) {
            throw new ModelFormatException("'" + v.ir() + "' of shape " + Shape.of(v.shape())
                    + " broadcasts against a 4-D image; only constants and size-1 tensors may do that");
        }
        return v.ir();
    }

    private static boolean allOnes(long[] shape) {
        for (long d : shape) {
            if (d != 1) {
                return false;
            }
        }
        return true;
    }

    static boolean isInteger(Initializer c) {
        return c.type() == DataType.INT32 || c.type() == DataType.INT64;
    }

    // ---- emitting nodes ---------------------------------------------------------------------

    /** Emits the node that computes TF node {@code n}; node and output keep the TF name. */
    void emitFor(TfNode n, String op, List<String> irInputs, Map<String, Attribute> attrs,
                 DataType type, long[] tfShape) throws ModelFormatException {
        emitFor(n, n.name(), op, irInputs, attrs, type, tfShape);
    }

    /** As above, for when the last of several nodes computes {@code n}'s output. */
    void emitFor(TfNode n, String nodeName, String op, List<String> irInputs, Map<String, Attribute> attrs,
                 DataType type, long[] tfShape) throws ModelFormatException {
        emit(nodeName, op, irInputs, attrs, n.name(), type, tfShape, tfShape.length == 4);
        values.put(n.name(), new TfValue(n.name(), type, tfShape, null));
    }

    /**
     * Adds a node with one output and records the output's shape, given in TF layout
     * ({@code image}: a 4-D NHWC shape the IR holds as NCHW).
     */
    void emit(String nodeName, String op, List<String> irInputs, Map<String, Attribute> attrs,
              String output, DataType type, long[] tfShape, boolean image) throws ModelFormatException {
        if (tfShape.length > Shape.MAX_RANK) {
            throw new ModelFormatException("'" + output + "' would have rank " + tfShape.length);
        }
        long[] irShape = image ? Nhwc.permute(tfShape, Nhwc.TO_NCHW) : tfShape;
        nodes.add(node(nodeName, op, irInputs, attrs, output));
        valueInfos.put(output, new ValueInfo(output, type, Shape.of(irShape)));
    }

    static Node node(String nodeName, String op, List<String> irInputs, Map<String, Attribute> attrs, String output) {
        return new Node(nodeName, op, irInputs, List.of(output), attrs);
    }

    static Attribute.Ints ints(long... values) {
        return new Attribute.Ints(values);
    }

    /**
     * Renames values in every node so far (inputs and outputs) and in the shape records, then
     * appends {@code extra} nodes, whose inputs are renamed too.
     */
    void renameAndAppend(Map<String, String> renames, List<Node> extra) {
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            nodes.set(i, n.withInputs(rename(n.inputs(), renames)).withOutputs(rename(n.outputs(), renames)));
        }
        for (Node n : extra) {
            nodes.add(n.withInputs(rename(n.inputs(), renames)));
        }
        Map<String, ValueInfo> infos = new LinkedHashMap<>();
        for (ValueInfo v : valueInfos.values()) {
            String name = renames.getOrDefault(v.name(), v.name());
            infos.put(name, new ValueInfo(name, v.type(), v.shape()));
        }
        valueInfos.clear();
        valueInfos.putAll(infos);
    }

    private static List<String> rename(List<String> list, Map<String, String> renames) {
        List<String> out = new ArrayList<>(list.size());
        for (String s : list) {
            out.add(renames.getOrDefault(s, s));
        }
        return out;
    }
}
