package io.jdeepface.converter.passes;

import io.jdeepface.engine.graph.Graph;

/**
 * One graph-to-graph rewrite of the converter. A pass never modifies its input (graphs are
 * immutable) and returns a graph that still passes {@link io.jdeepface.engine.graph.GraphValidator}.
 */
public interface GraphPass {
    /** A short name for logs and error messages. */
    String name();

    Graph apply(Graph graph);
}
