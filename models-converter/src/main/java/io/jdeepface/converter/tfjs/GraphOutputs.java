package io.jdeepface.converter.tfjs;

import io.jdeepface.converter.tfjs.ConstantPool.Form;
import io.jdeepface.converter.tfjs.TfGraphDef.TensorRef;
import io.jdeepface.engine.format.ModelFormatException;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.tensor.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names the graph outputs after their TF nodes, so that they equal what TF.js returns. An
 * output that TF reaches through Identity takes over the source value's name when nothing else
 * claims it (else an Identity node remains); an image output gets a Transpose back to NHWC.
 */
final class GraphOutputs {
    private GraphOutputs() {}

    static List<ValueInfo> finish(GraphBuilder b, List<String> outputRefs) throws ModelFormatException {
        List<ValueInfo> outputs = new ArrayList<>();
        List<Node> outputNodes = new ArrayList<>();
        Map<String, String> renames = new HashMap<>();
        Set<String> inputNames = new HashSet<>();
        for (ValueInfo in : b.inputs()) {
            inputNames.add(in.name());
        }
        Set<String> outputNames = new HashSet<>();
        for (String ref : outputRefs) {
            outputNames.add(TensorRef.parse(ref).node());
        }
        Set<String> seen = new HashSet<>();
        for (String ref : outputRefs) {
            TensorRef r = TensorRef.parse(ref);
            TfValue v = b.value(r.node());
            if (v == null || r.output() != 0) {
                throw new ModelFormatException("model output '" + ref + "' names no tensor of the graph");
            }
            String name = r.node();
            if (!seen.add(name)) {
                continue;
            }
            outputs.add(new ValueInfo(name, v.type(), Shape.of(v.shape())));
            if (v.isConstant()) {
                String init = b.constants().get(v.constant(), Form.AS_IS);
                if (!init.equals(name)) {
                    outputNodes.add(GraphBuilder.node(name + "/output", "Identity", List.of(init), Map.of(), name));
                }
            } else if (inputNames.contains(name)) {
                continue; // a graph input that is also an output: defined already, in TF's layout
            } else if (v.isImage()) {
                if (v.ir().equals(name)) {
                    // The TF node itself is the output: its NCHW value moves aside for the Transpose.
                    renames.put(name, b.names().fresh(name + "/nchw"));
                }
                outputNodes.add(GraphBuilder.node(name + "/to_nhwc", "Transpose", List.of(v.ir()),
                        Map.of("perm", GraphBuilder.ints(Nhwc.TO_NHWC)), name));
            } else if (!v.ir().equals(name)) {
                boolean renamable = !inputNames.contains(v.ir()) && !renames.containsKey(v.ir())
                        && !outputNames.contains(v.ir());
                if (renamable) {
                    renames.put(v.ir(), name);
                } else {
                    outputNodes.add(GraphBuilder.node(name + "/output", "Identity", List.of(v.ir()), Map.of(), name));
                }
            }
        }
        if (outputs.isEmpty()) {
            throw new ModelFormatException("the model has no outputs");
        }
        b.renameAndAppend(renames, outputNodes);
        return outputs;
    }
}
