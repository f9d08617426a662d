package io.jdeepface.engine.exec;

import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.tensor.Shape;
import io.jdeepface.engine.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link Model}. A session owns its activation arena and its threads, so it is NOT
 * thread-safe: use one session per thread (sessions are cheap next to the model, which they
 * share), or borrow them from a {@link SessionPool}. Plans (kernels, packed weights) are built by
 * the model once per input shape; a session only re-binds its arena when the shapes change, so
 * repeated runs with the same shapes allocate no arena.
 */
public final class Session implements AutoCloseable {
    private final Model model;
    private final SessionOptions options;
    private final ThreadPoolParallel parallel;
    private ExecutionPlan plan;
    private List<Shape> planShapes;
    private Arena arena;
    private MemorySegment activations;
    // Per step, the segments handed to its kernel; built once per plan. Graph inputs change every
    // run, so their positions are patched in place: no allocation per run in steady state.
    private MemorySegment[][] stepInputs;
    private MemorySegment[][] stepOutputs;
    private int[][] inputPatches; // {step, position, graph input index}
    private boolean closed;

    Session(Model model, SessionOptions options) {
        this.model = model;
        this.options = options;
        this.parallel = options.threads() > 1 ? new ThreadPoolParallel(options.threads()) : null;
    }

    public SessionOptions options() {
        return options;
    }

    /**
     * Runs the model on the named inputs (every graph input must be given, with the model's element
     * type and a shape matching the model's, any size for a dynamic dimension) and returns every
     * graph output as a new heap tensor.
     */
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
        if (closed) {
            throw new IllegalStateException("session is closed");
        }
        List<ValueInfo> declared = model.graph().inputs();
        Shape[] shapes = new Shape[declared.size()];
        for (int i = 0; i < shapes.length; i++) {
            ValueInfo d = declared.get(i);
            Tensor t = inputs.get(d.name());
            if (t == null) {
                throw new IllegalArgumentException("missing input '" + d.name() + "' (" + d.type() + " " + d.shape()
                        + "); the model's inputs are " + model.inputNames());
            }
            checkMatches(d, t);
            shapes[i] = t.shape();
        }
        for (String name : inputs.keySet()) {
            if (declared.stream().noneMatch(d -> d.name().equals(name))) {
                throw new IllegalArgumentException("unknown input '" + name + "'; the model's inputs are " + model.inputNames());
            }
        }
        preparePlan(List.of(shapes));
        for (int[] patch : inputPatches) {
            stepInputs[patch[0]][patch[1]] = inputs.get(declared.get(patch[2]).name()).data();
        }
        Parallel par = parallel != null ? parallel : Parallel.SEQUENTIAL;
        List<ExecutionPlan.Step> steps = plan.steps;
        for (int s = 0; s < steps.size(); s++) {
            steps.get(s).kernel().run(stepInputs[s], stepOutputs[s], par);
        }
        Map<String, Tensor> result = new LinkedHashMap<>();
        for (Map.Entry<String, ExecutionPlan.Slot> e : plan.outputs.entrySet()) {
            ValueInfo info = ExecutionPlan.info(plan.shapedGraph, e.getKey());
            ExecutionPlan.Slot s = e.getValue();
            MemorySegment copy = MemorySegment.ofArray(new byte[Math.toIntExact(s.bytes())]);
            copy.copyFrom(activations.asSlice(s.offset(), s.bytes()));
            result.put(e.getKey(), new Tensor(info.type(), info.shape(), copy));
        }
        return result;
    }

    private MemorySegment[] bind(ExecutionPlan.Slot[] slots, int step, List<int[]> patches) {
        MemorySegment[] segs = new MemorySegment[slots.length];
        for (int i = 0; i < slots.length; i++) {
            ExecutionPlan.Slot s = slots[i];
            if (s.source() == ExecutionPlan.Source.GRAPH_INPUT) {
                patches.add(new int[] {step, i, s.index()});
            }
            segs[i] = switch (s.source()) {
                case ABSENT, GRAPH_INPUT -> MemorySegment.NULL;
                case CONSTANT -> plan.shapedGraph.initializers().get(s.name()).data();
                case ARENA -> activations.asSlice(s.offset(), s.bytes());
            };
        }
        return segs;
    }

    private void preparePlan(List<Shape> shapes) {
        if (plan != null && shapes.equals(planShapes)) {
            return;
        }
        ExecutionPlan p = model.plan(shapes, options.vector());
        if (arena == null || activations.byteSize() < p.arenaBytes) {
            if (arena != null) {
                arena.close();
            }
            arena = Arena.ofShared();
            activations = arena.allocate(Math.max(p.arenaBytes, 64), 64);
        }
        plan = p;
        planShapes = shapes;
        int n = p.steps.size();
        stepInputs = new MemorySegment[n][];
        stepOutputs = new MemorySegment[n][];
        List<int[]> patches = new java.util.ArrayList<>();
        for (int s = 0; s < n; s++) {
            stepInputs[s] = bind(p.steps.get(s).inputs(), s, patches);
            stepOutputs[s] = bind(p.steps.get(s).outputs(), s, patches);
        }
        inputPatches = patches.toArray(new int[0][]);
    }

    private static void checkMatches(ValueInfo declared, Tensor t) {
        if (t.type() != declared.type()) {
            throw new IllegalArgumentException("input '" + declared.name() + "' must be " + declared.type()
                    + ", got " + t.type());
        }
        Shape want = declared.shape();
        Shape got = t.shape();
        boolean ok = want.rank() == got.rank();
        for (int d = 0; ok && d < want.rank(); d++) {
            ok = want.dim(d) == Shape.DYNAMIC || want.dim(d) == got.dim(d);
        }
        if (!ok) {
            throw new IllegalArgumentException("input '" + declared.name() + "' must have shape " + want
                    + ", got " + got);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (parallel != null) {
            parallel.close();
        }
        if (arena != null) {
            arena.close();
        }
    }
}
