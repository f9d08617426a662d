package io.jdeepface.converter.passes;

import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.GraphValidator;
import io.jdeepface.engine.graph.InvalidGraphException;
import java.util.List;

/**
 * The standard pipeline that turns an imported graph into what the engine runs:
 * check the ops are known → upgrade to opset-13 forms → infer shapes → fold constants → remove
 * identities → prune → fold BatchNormalization → fuse activations → prune → infer shapes → check
 * only run-time ops remain. Every intermediate graph is validated, so a broken pass is reported
 * by name rather than surfacing later.
 */
public final class Simplifier implements GraphPass {
    private static final System.Logger LOG = System.getLogger(Simplifier.class.getName());

    private final List<GraphPass> passes;

    /** @param sourceOpset the default-domain opset the model was exported with (13 for TF.js). */
    public Simplifier(int sourceOpset) {
        this(standardPasses(sourceOpset));
    }

    public Simplifier(List<GraphPass> passes) {
        this.passes = List.copyOf(passes);
    }

    public static List<GraphPass> standardPasses(int sourceOpset) {
        return List.of(
                UnsupportedOperators.beforeSimplification(),
                new UpgradeToOpset13(sourceOpset),
                new InferShapes(),
                new FoldConstants(),
                new RemoveIdentity(),
                new PruneDead(),
                new FoldBatchNorm(),
                new FuseActivation(),
                new PruneDead(),
                new InferShapes(),
                UnsupportedOperators.afterSimplification());
    }

    public List<GraphPass> passes() {
        return passes;
    }

    @Override
    public String name() {
        return "simplify";
    }

    @Override
    public Graph apply(Graph graph) {
        GraphValidator.validate(graph);
        Graph g = graph;
        for (GraphPass pass : passes) {
            g = pass.apply(g);
            try {
                GraphValidator.validate(g);
            } catch (InvalidGraphException e) {
                throw new IllegalStateException("pass " + pass.name() + " produced an invalid graph: " + e.getMessage(), e);
            }
            LOG.log(System.Logger.Level.DEBUG, "{0}: {1} nodes, {2} initializers", pass.name(),
                    g.nodes().size(), g.initializers().size());
        }
        return g;
    }
}
