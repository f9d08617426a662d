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
    // The graph outputs of the current plan, in order: names, types and shapes, arena slices.
    private String[] outputNames;
    private ValueInfo[] outputInfos;
    private MemorySegment[] outputSegments;
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
        return run(inputs, (long[]) null);
    }

    /**
     * Time spent in one node's kernel over the runs of {@link #profile}: the total, and the fastest
     * single run (on a busy machine, the minimum is the figure least disturbed by other processes).
     */
    public record NodeTime(String node, String opType, String kernel, long nanos, long minNanos) {}

    /**
     * Runs the model {@code runs} times and returns, per node in execution order, the time its
     * kernel took in total: to find which layers dominate. The timer reads add a little overhead
     * per node, so use {@link #run} for end-to-end timings.
     */
    public java.util.List<NodeTime> profile(Map<String, Tensor> inputs, int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be >= 1, got " + runs);
        }
        long[] nanos = null;
        long[] min = null;
        long[] once = null;
        for (int r = 0; r < runs; r++) {
            preparePlan(shapesOf(inputs));
            if (nanos == null) {
                nanos = new long[plan.steps.size()];
                min = new long[nanos.length];
                java.util.Arrays.fill(min, Long.MAX_VALUE);
                once = new long[nanos.length];
            }
            java.util.Arrays.fill(once, 0);
            run(inputs, once);
            for (int s = 0; s < once.length; s++) {
                nanos[s] += once[s];
                min[s] = Math.min(min[s], once[s]);
            }
        }
        java.util.List<NodeTime> times = new java.util.ArrayList<>();
        for (int s = 0; s < nanos.length; s++) {
            ExecutionPlan.Step step = plan.steps.get(s);
            String kernel = step.kernel().getClass().getName().replaceFirst("\\$\\$Lambda.*", "");
            times.add(new NodeTime(step.node().name(), step.node().opType(),
                    kernel.substring(kernel.lastIndexOf('.') + 1), nanos[s], min[s]));
        }
        return times;
    }

    private List<Shape> shapesOf(Map<String, Tensor> inputs) {
        List<Shape> shapes = new java.util.ArrayList<>();
        for (ValueInfo d : model.graph().inputs()) {
            Tensor t = inputs.get(d.name());
            shapes.add(t == null ? d.shape() : t.shape());
        }
        return shapes;
    }

    /**
     * Runs the model and writes every graph output into the caller's tensor of that name (same
     * element type and shape as the output; a tensor over native or heap memory, reused from run
     * to run). With the same input shapes as the previous run this allocates nothing on the Java
     * heap: for a server or a video loop that runs a model thousands of times.
     *
     * @param outputs a tensor per graph output name; other entries are ignored
     */
    public void run(Map<String, Tensor> inputs, Map<String, Tensor> outputs) {
        execute(inputs, null);
        for (int o = 0; o < outputNames.length; o++) {
            Tensor dst = outputs.get(outputNames[o]);
            ValueInfo info = outputInfos[o];
            if (dst == null) {
                throw new IllegalArgumentException("no tensor given for output '" + outputNames[o] + "' ("
                        + info.type() + " " + info.shape() + ")");
            }
            if (dst.type() != info.type() || !dst.shape().equals(info.shape())) {
                throw new IllegalArgumentException("output '" + outputNames[o] + "' is " + info.type() + " "
                        + info.shape() + ", the tensor given is " + dst.type() + " " + dst.shape());
            }
            MemorySegment.copy(outputSegments[o], 0, dst.data(), 0, outputSegments[o].byteSize());
        }
    }

    private Map<String, Tensor> run(Map<String, Tensor> inputs, long[] stepNanos) {
        execute(inputs, stepNanos);
        Map<String, Tensor> result = new LinkedHashMap<>();
        for (int o = 0; o < outputNames.length; o++) {
            MemorySegment copy = MemorySegment.ofArray(new byte[Math.toIntExact(outputSegments[o].byteSize())]);
            copy.copyFrom(outputSegments[o]);
            result.put(outputNames[o], new Tensor(outputInfos[o].type(), outputInfos[o].shape(), copy));
        }
        return result;
    }

    /** Checks the inputs, re-plans if their shapes changed, runs every kernel; no allocation otherwise. */
    private void execute(Map<String, Tensor> inputs, long[] stepNanos) {
        if (closed) {
            throw new IllegalStateException("session is closed");
        }
        List<ValueInfo> declared = model.graph().inputs();
        boolean sameShapes = plan != null;
        for (int i = 0; i < declared.size(); i++) {
            ValueInfo d = declared.get(i);
            Tensor t = inputs.get(d.name());
            if (t == null) {
                throw new IllegalArgumentException("missing input '" + d.name() + "' (" + d.type() + " " + d.shape()
                        + "); the model's inputs are " + model.inputNames());
            }
            checkMatches(d, t);
            sameShapes = sameShapes && t.shape().equals(planShapes.get(i));
        }
        if (inputs.size() != declared.size()) { // every declared name is present: so some other is too
            for (String name : inputs.keySet()) {
                if (declared.stream().noneMatch(d -> d.name().equals(name))) {
                    throw new IllegalArgumentException("unknown input '" + name + "'; the model's inputs are "
                            + model.inputNames());
                }
            }
        }
        if (!sameShapes) {
            preparePlan(shapesOf(inputs));
        }
        for (int[] patch : inputPatches) {
            stepInputs[patch[0]][patch[1]] = inputs.get(declared.get(patch[2]).name()).data();
        }
        Parallel par = parallel != null ? parallel : Parallel.SEQUENTIAL;
        List<ExecutionPlan.Step> steps = plan.steps;
        if (stepNanos == null) {
            for (int s = 0; s < steps.size(); s++) {
                steps.get(s).kernel().run(stepInputs[s], stepOutputs[s], par);
            }
        } else {
            for (int s = 0; s < steps.size(); s++) {
                long t0 = System.nanoTime();
                steps.get(s).kernel().run(stepInputs[s], stepOutputs[s], par);
                stepNanos[s] += System.nanoTime() - t0;
            }
        }
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
        int outs = p.outputs.size();
        outputNames = new String[outs];
        outputInfos = new ValueInfo[outs];
        outputSegments = new MemorySegment[outs];
        int o = 0;
        for (Map.Entry<String, ExecutionPlan.Slot> e : p.outputs.entrySet()) {
            outputNames[o] = e.getKey();
            outputInfos[o] = ExecutionPlan.info(p.shapedGraph, e.getKey());
            outputSegments[o] = activations.asSlice(e.getValue().offset(), e.getValue().bytes());
            o++;
        }
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
