package io.jdeepface.engine.graph;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One operation. Op types and attribute names follow ONNX (the canonical IR of this project), so
 * that ONNX semantics documents describe them. An empty string in {@code inputs} is an omitted
 * optional input, as in ONNX. Extensions recorded by the converter are documented in
 * {@code docs/ir.md} (fused activations on Conv, for example).
 */
public record Node(String name, String opType, List<String> inputs, List<String> outputs,
                   Map<String, Attribute> attributes) {

    public Node {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = Map.copyOf(attributes);
    }

    public Optional<Attribute> attribute(String key) {
        return Optional.ofNullable(attributes.get(key));
    }

    public long intAttr(String key, long fallback) {
        return attributes.get(key) instanceof Attribute.Int i ? i.value() : fallback;
    }

    public float floatAttr(String key, float fallback) {
        return attributes.get(key) instanceof Attribute.Float f ? f.value() : fallback;
    }

    public String stringAttr(String key, String fallback) {
        return attributes.get(key) instanceof Attribute.Str s ? s.value() : fallback;
    }

    public long[] intsAttr(String key, long[] fallback) {
        return attributes.get(key) instanceof Attribute.Ints i ? i.values() : fallback;
    }

    public float[] floatsAttr(String key, float[] fallback) {
        return attributes.get(key) instanceof Attribute.Floats f ? f.values() : fallback;
    }

    public String input(int i) {
        return i < inputs.size() ? inputs.get(i) : "";
    }

    public boolean hasInput(int i) {
        return !input(i).isEmpty();
    }

    public Node withInputs(List<String> newInputs) {
        return new Node(name, opType, newInputs, outputs, attributes);
    }

    public Node withOutputs(List<String> newOutputs) {
        return new Node(name, opType, inputs, newOutputs, attributes);
    }

    public Node withAttributes(Map<String, Attribute> newAttributes) {
        return new Node(name, opType, inputs, outputs, newAttributes);
    }

    public Node withOpType(String newOpType) {
        return new Node(name, newOpType, inputs, outputs, attributes);
    }
}
