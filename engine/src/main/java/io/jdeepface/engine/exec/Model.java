package io.jdeepface.engine.exec;

import io.jdeepface.engine.format.ModelFile;
import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.GraphValidator;
import io.jdeepface.engine.graph.ModelMetadata;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.tensor.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loaded model: an immutable graph whose weights stay where they were loaded (memory-mapped for
 * model files). Thread-safe and meant to be shared; each thread runs it through its own
 * {@link Session}. Closing the model releases the mapping: close it only after its sessions.
 */
public final class Model implements AutoCloseable {
    private final Graph graph;
    private final ModelMetadata metadata;
    private final AutoCloseable resource;
    /** Execution plans by (input shapes, vector mode): kernels and packed weights are built once. */
    private final Map<PlanKey, ExecutionPlan> plans = new ConcurrentHashMap<>();

    private record PlanKey(List<Shape> shapes, boolean vector) {}

    /** A model over a graph in memory (tests, the converter); {@code resource} is closed with it. */
    public Model(Graph graph, ModelMetadata metadata, AutoCloseable resource) {
        GraphValidator.validate(graph);
        this.graph = graph;
        this.metadata = metadata;
        this.resource = resource;
    }

    /**
     * Maps a model file (no copy of the weights), verifies it and builds the default plan, so that
     * a corrupt file or an unsupported operator fails here with a specific exception.
     */
    public static Model load(Path file) throws IOException {
        ModelFile mf = ModelFile.open(file);
        try {
            Model m = new Model(mf.graph(), mf.metadata(), mf);
            m.prepare(io.jdeepface.engine.simd.VectorSupport.enabled());
            return m;
        } catch (RuntimeException e) {
            mf.close();
            throw e;
        }
    }

    public static Model of(Graph graph) {
        return new Model(graph, ModelMetadata.unknown(), null);
    }

    public Graph graph() {
        return graph;
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public List<ValueInfo> inputs() {
        return graph.inputs();
    }

    public List<ValueInfo> outputs() {
        return graph.outputs();
    }

    List<String> inputNames() {
        return graph.inputs().stream().map(ValueInfo::name).toList();
    }

    /**
     * Builds (once) the plan for the declared input shapes with dynamic dimensions set to 1. Called
     * at load so that an unsupported operator or attribute fails there, not at the first run.
     */
    public void prepare(boolean vector) {
        List<Shape> shapes = graph.inputs().stream().map(v -> {
            Shape s = v.shape();
            for (int d = 0; d < s.rank(); d++) {
                if (s.dim(d) == Shape.DYNAMIC) {
                    s = s.withDim(d, 1);
                }
            }
            return s;
        }).toList();
        plan(shapes, vector);
    }

    ExecutionPlan plan(List<Shape> shapes, boolean vector) {
        return plans.computeIfAbsent(new PlanKey(List.copyOf(shapes), vector), key -> {
            Map<String, Shape> byName = new HashMap<>();
            for (int i = 0; i < shapes.size(); i++) {
                byName.put(graph.inputs().get(i).name(), shapes.get(i));
            }
            return ExecutionPlan.build(graph, byName, vector);
        });
    }

    public Session newSession(SessionOptions options) {
        return new Session(this, options);
    }

    public Session newSession() {
        return newSession(SessionOptions.defaults());
    }

    @Override
    public void close() {
        plans.clear();
        if (resource != null) {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing model: " + e.getMessage(), e);
            }
        }
    }
}
