package io.jdeepface.bench;

import io.jdeepface.engine.exec.Model;
import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ShapeInference;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.ops.KernelSpec;
import io.jdeepface.engine.ops.conv.Conv;
import io.jdeepface.engine.ops.conv.ConvParams;
import io.jdeepface.engine.tensor.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lists the convolutions of a model with their geometry, largest (most multiply-accumulates) first:
 * where {@link KernelShapes}' layer shapes come from. Usage: LayerShapes model.jdm [top]
 */
public final class LayerShapes {
    private LayerShapes() {}

    /** One Conv node of a model at batch 1. */
    public record ConvLayer(String node, ConvParams params) {}

    public static List<ConvLayer> convolutions(Graph graph) {
        Map<String, Shape> inputs = new HashMap<>();
        for (ValueInfo in : graph.inputs()) {
            long[] dims = in.shape().dims();
            for (int d = 0; d < dims.length; d++) {
                dims[d] = dims[d] == Shape.DYNAMIC ? 1 : dims[d];
            }
            inputs.put(in.name(), new Shape(dims));
        }
        Graph g = ShapeInference.infer(graph, inputs);
        List<ConvLayer> layers = new ArrayList<>();
        for (Node node : g.nodes()) {
            if (!node.opType().equals("Conv")) {
                continue;
            }
            List<ValueInfo> in = new ArrayList<>();
            Map<String, Initializer> constants = new HashMap<>();
            for (String name : node.inputs()) {
                in.add(name.isEmpty() ? null : info(g, name));
                g.initializer(name).ifPresent(init -> constants.put(name, init));
            }
            List<ValueInfo> out = node.outputs().stream().map(o -> info(g, o)).toList();
            layers.add(new ConvLayer(node.name(), Conv.params(new KernelSpec(node, in, out, constants, true))));
        }
        layers.sort(Comparator.comparingLong((ConvLayer l) -> l.params().macs()).reversed());
        return layers;
    }

    private static ValueInfo info(Graph g, String name) {
        if (g.inputs().stream().anyMatch(v -> v.name().equals(name))) {
            return g.inputs().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
        }
        return g.initializer(name).map(i -> new ValueInfo(name, i.type(), i.shape()))
                .or(() -> g.valueInfo(name)).orElseThrow(() -> new IllegalStateException("no shape for " + name));
    }

    public static void main(String[] args) throws Exception {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        try (Model model = Model.load(Path.of(args[0]))) {
            for (ConvLayer l : convolutions(model.graph()).subList(0, top)) {
                ConvParams p = l.params();
                System.out.printf(Locale.ROOT, "%-40s %dx%dx%d -> %dx%dx%d k%dx%d s%d p%d,%d,%d,%d g%d %s %.1f MMAC%n",
                        l.node(), p.inChannels(), p.inHeight(), p.inWidth(), p.outChannels(), p.outHeight(), p.outWidth(),
                        p.kernelH(), p.kernelW(), p.strideH(), p.padTop(), p.padLeft(), p.padBottom(), p.padRight(),
                        p.group(), p.activation(), p.macs() / 1e6);
            }
        }
    }
}
