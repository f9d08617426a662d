package io.jdeepface.engine.graph;

import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What a shape rule or the constant evaluator sees of one node: the node, the type and shape of
 * each input (null for an omitted optional input) and the value of each input that is a known
 * constant (looked up on demand, so large weights are only unpacked when needed). Errors it raises name the node.
 */
final class NodeView {
    private final Node node;
    private final List<ValueInfo> inputs;
    private final Function<String, ConstantTensor> values;

    /** {@code values} looks up the constant value of a value name, or returns null. */
    NodeView(Node node, List<ValueInfo> inputs, Function<String, ConstantTensor> values) {
        this.node = node;
        this.inputs = inputs;
        this.values = values;
    }

    Node node() {
        return node;
    }

    String op() {
        return node.opType();
    }

    /** Number of input slots, omitted ones included. */
    int inputCount() {
        return node.inputs().size();
    }

    boolean has(int i) {
        return node.hasInput(i);
    }

    ValueInfo input(int i) {
        if (!has(i) || inputs.get(i) == null) {
            throw fail("needs input " + i);
        }
        return inputs.get(i);
    }

    long[] dims(int i) {
        return input(i).shape().dims();
    }

    int rank(int i) {
        return input(i).shape().rank();
    }

    DataType type(int i) {
        return input(i).type();
    }

    /** The constant value of input {@code i}, or null when it is only known at run time. */
    ConstantTensor value(int i) {
        return has(i) ? values.apply(node.input(i)) : null;
    }

    /** The integer contents of input {@code i} when it is a known constant, else null. */
    long[] ints(int i) {
        ConstantTensor v = value(i);
        if (v == null) {
            return null;
        }
        if (v.isFloat()) {
            throw fail("input " + i + " must be an integer tensor, not " + v.type());
        }
        return v.longs();
    }

    /** Like {@link #ints} but the value must be known. */
    long[] requireInts(int i, String what) {
        long[] v = ints(i);
        if (v == null) {
            throw fail("its " + what + " (input " + i + ", '" + node.input(i)
                    + "') must be a constant, but it is computed at run time");
        }
        return v;
    }

    /** An int-list setting given as an attribute (older opsets) or as an input (newer opsets). */
    long[] intsFromAttributeOrInput(String attribute, int input, String what) {
        if (node.attributes().containsKey(attribute)) {
            return node.intsAttr(attribute, new long[0]);
        }
        if (has(input)) {
            return requireInts(input, what);
        }
        return null;
    }

    /** Normalizes a possibly negative axis against {@code rank}, rejecting out-of-range values. */
    int axis(long axis, int rank) {
        if (axis < -rank || axis >= rank) {
            throw fail("axis " + axis + " is out of range for rank " + rank);
        }
        return (int) (axis < 0 ? axis + rank : axis);
    }

    InvalidGraphException fail(String message) {
        return new InvalidGraphException(describe() + ": " + message);
    }

    String describe() {
        return "node '" + node.name() + "' (" + node.opType() + ")";
    }

    /** One output per output name of the node, all with the same type and shape. */
    List<ValueInfo> outputs(DataType type, long[] dims) {
        List<ValueInfo> out = new ArrayList<>();
        for (String name : node.outputs()) {
            out.add(new ValueInfo(name, type, new Shape(dims)));
        }
        return out;
    }

    /** Output {@code 0} only, for ops whose further outputs the caller describes itself. */
    List<ValueInfo> output0(DataType type, long[] dims) {
        if (node.outputs().isEmpty()) {
            throw fail("has no outputs");
        }
        return List.of(new ValueInfo(node.outputs().get(0), type, new Shape(dims)));
    }

    /** The single output {@code 0} (extra outputs are an error for ops with one output). */
    List<ValueInfo> output(DataType type, long[] dims) {
        if (node.outputs().size() != 1) {
            throw fail("has " + node.outputs().size() + " outputs, expected 1");
        }
        return List.of(new ValueInfo(node.outputs().get(0), type, new Shape(dims)));
    }
}
