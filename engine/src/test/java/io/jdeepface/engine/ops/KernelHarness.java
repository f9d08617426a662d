package io.jdeepface.engine.ops;

import io.jdeepface.engine.exec.Parallel;
import io.jdeepface.engine.graph.Attribute;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Test helpers for kernels: build a node and spec, make buffers, run with 1 or 2 threads. */
public final class KernelHarness {
    private KernelHarness() {}

    /** Runs everything on the calling thread. */
    public static final Parallel ONE_THREAD = Parallel.SEQUENTIAL;

    private static final java.util.concurrent.atomic.AtomicInteger SPLITS = new java.util.concurrent.atomic.AtomicInteger();

    /** How many loops {@link #TWO_THREADS} has really split so far (tests check they did). */
    public static int splits() {
        return SPLITS.get();
    }

    /** Fails unless some loop was split across {@link #TWO_THREADS} since {@code before = splits()}. */
    public static void assertSplitSince(int before) {
        if (SPLITS.get() <= before) {
            throw new AssertionError("no loop was split across the two threads");
        }
    }

    /** Two threads: the first chunk on the caller, the second on a pool thread. */
    public static final Parallel TWO_THREADS = new Parallel() {
        private final ExecutorService pool = Executors.newFixedThreadPool(1, r -> {
            Thread t = new Thread(r, "kernel-harness-worker");
            t.setDaemon(true);
            return t;
        });

        @Override
        public int threads() {
            return 2;
        }

        @Override
        public void forRange(int n, RangeBody body) {
            if (n <= 0) {
                return;
            }
            int mid = (n + 1) / 2;
            if (mid < n) {
                SPLITS.incrementAndGet();
            }
            Future<?> second = mid < n ? pool.submit(() -> body.run(mid, n)) : null;
            body.run(0, mid);
            if (second != null) {
                try {
                    second.get();
                } catch (Exception e) {
                    throw new AssertionError("worker chunk failed", e);
                }
            }
        }
    };

    public static final List<Parallel> PARALLELS = List.of(ONE_THREAD, TWO_THREADS);

    /** Builds a node and its spec step by step. */
    public static final class SpecBuilder {
        private final String opType;
        private final List<String> inputNames = new ArrayList<>();
        private final List<ValueInfo> inputs = new ArrayList<>();
        private final List<ValueInfo> outputs = new ArrayList<>();
        private final Map<String, Initializer> constants = new HashMap<>();
        private final Map<String, Attribute> attributes = new LinkedHashMap<>();

        SpecBuilder(String opType) {
            this.opType = opType;
        }

        public SpecBuilder input(DataType type, long... dims) {
            String name = "in" + inputNames.size();
            inputNames.add(name);
            inputs.add(new ValueInfo(name, type, Shape.of(dims)));
            return this;
        }

        public SpecBuilder input(long... dims) {
            return input(DataType.FLOAT32, dims);
        }

        /** An omitted optional input. */
        public SpecBuilder noInput() {
            inputNames.add("");
            inputs.add(null);
            return this;
        }

        public SpecBuilder constant(Initializer init) {
            String name = "c" + inputNames.size();
            inputNames.add(name);
            inputs.add(new ValueInfo(name, init.type(), init.shape()));
            constants.put(name, init.withName(name));
            return this;
        }

        public SpecBuilder constantFloats(long[] dims, float[] values) {
            return constant(Initializer.ofFloats("x", Shape.of(dims), values));
        }

        public SpecBuilder constantLongs(long... values) {
            return constant(Initializer.ofLongs("x", Shape.of(values.length), values));
        }

        public SpecBuilder output(DataType type, long... dims) {
            outputs.add(new ValueInfo("out" + outputs.size(), type, Shape.of(dims)));
            return this;
        }

        public SpecBuilder output(long... dims) {
            return output(DataType.FLOAT32, dims);
        }

        public SpecBuilder attr(String key, long value) {
            attributes.put(key, new Attribute.Int(value));
            return this;
        }

        public SpecBuilder attr(String key, float value) {
            attributes.put(key, new Attribute.Float(value));
            return this;
        }

        public SpecBuilder attr(String key, String value) {
            attributes.put(key, new Attribute.Str(value));
            return this;
        }

        public SpecBuilder attr(String key, long[] values) {
            attributes.put(key, new Attribute.Ints(values));
            return this;
        }

        public KernelSpec build(boolean vector) {
            List<String> outNames = outputs.stream().map(ValueInfo::name).toList();
            Node node = new Node("n_" + opType, opType, inputNames, outNames, attributes);
            return new KernelSpec(node, inputs, outputs, constants, vector);
        }
    }

    public static SpecBuilder spec(String opType) {
        return new SpecBuilder(opType);
    }

    public static long[] longs(int... dims) {
        long[] l = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            l[i] = dims[i];
        }
        return l;
    }

    public static int count(int... dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    public static float[] randomFloats(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) (r.nextDouble() * 8 - 4);
        }
        return f;
    }

    public static long[] randomLongs(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] l = new long[n];
        for (int i = 0; i < n; i++) {
            l[i] = r.nextLong();
        }
        return l;
    }

    /** A native buffer holding the values (what the executor hands to kernels). */
    public static MemorySegment segment(float[] values) {
        MemorySegment s = Arena.ofAuto().allocate(Math.max(1, values.length) * 4L, 64);
        MemorySegment.copy(values, 0, s, ValueLayout.JAVA_FLOAT, 0, values.length);
        return s;
    }

    public static MemorySegment segment(long[] values) {
        MemorySegment s = Arena.ofAuto().allocate(Math.max(1, values.length) * 8L, 64);
        MemorySegment.copy(values, 0, s, ValueLayout.JAVA_LONG, 0, values.length);
        return s;
    }

    /** A native output buffer filled with NaN, so that unwritten elements show up. */
    public static MemorySegment floatOutput(int n) {
        float[] nan = new float[n];
        java.util.Arrays.fill(nan, Float.NaN);
        return segment(nan);
    }

    public static float[] floats(MemorySegment s, int n) {
        float[] f = new float[n];
        MemorySegment.copy(s, ValueLayout.JAVA_FLOAT, 0, f, 0, n);
        return f;
    }

    public static long[] longs(MemorySegment s, int n) {
        long[] l = new long[n];
        MemorySegment.copy(s, ValueLayout.JAVA_LONG, 0, l, 0, n);
        return l;
    }

    /** Runs a kernel on float inputs and returns the float output of {@code outCount} elements. */
    public static float[] run(Kernel k, Parallel p, int outCount, float[]... inputs) {
        MemorySegment[] in = new MemorySegment[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            in[i] = inputs[i] == null ? MemorySegment.NULL : segment(inputs[i]);
        }
        MemorySegment out = floatOutput(outCount);
        k.run(in, new MemorySegment[] {out}, p);
        return floats(out, outCount);
    }

    /** The ONNX Runtime parity tolerance: |a - b| <= tol * max(1, |expected|). */
    public static void assertClose(float[] expected, float[] actual, double tol, String what) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": length " + actual.length + " != " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            if (Float.isNaN(e) || Float.isNaN(a)) {
                if (Float.isNaN(e) != Float.isNaN(a)) {
                    throw new AssertionError(what + ": element " + i + " is " + a + ", expected " + e);
                }
                continue;
            }
            if (e == a) {
                continue;
            }
            if (!(Math.abs(e - a) <= tol * Math.max(1, Math.abs(e)))) {
                throw new AssertionError(what + ": element " + i + " is " + a + ", expected " + e);
            }
        }
    }

    /** Bit-for-bit equality (data movement, max pooling, same-order arithmetic). */
    public static void assertBitsEqual(float[] expected, float[] actual, String what) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": length " + actual.length + " != " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])
                    && !(Float.isNaN(expected[i]) && Float.isNaN(actual[i]))) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i] + ", expected " + expected[i]);
            }
        }
    }
}
