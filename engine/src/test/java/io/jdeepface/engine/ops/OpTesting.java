package io.jdeepface.engine.ops;

import static org.junit.jupiter.api.Assertions.fail;

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
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Builds kernel specs and buffers for operator tests and compares outputs. */
public final class OpTesting {
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private OpTesting() {}

    /** One input of a node under test: its shape, values and whether it is a constant. */
    public record Input(String name, long[] shape, float[] values, boolean constant) {
        public static Input runtime(String name, float[] values, long... shape) {
            return new Input(name, shape, values, false);
        }

        public static Input constant(String name, float[] values, long... shape) {
            return new Input(name, shape, values, true);
        }
    }

    /** A spec for a single node; a null input is an omitted optional input. */
    public static KernelSpec spec(String op, Map<String, Attribute> attrs, List<Input> inputs, long[] outShape,
                                  boolean vector) {
        List<String> names = new ArrayList<>();
        List<ValueInfo> infos = new ArrayList<>();
        Map<String, Initializer> constants = new HashMap<>();
        for (Input in : inputs) {
            if (in == null) {
                names.add("");
                infos.add(null);
                continue;
            }
            names.add(in.name());
            infos.add(new ValueInfo(in.name(), DataType.FLOAT32, Shape.of(in.shape())));
            if (in.constant()) {
                constants.put(in.name(), Initializer.ofFloats(in.name(), Shape.of(in.shape()), in.values()));
            }
        }
        Node node = new Node(op + "_under_test", op, names, List.of("y"), attrs);
        return new KernelSpec(node, infos, List.of(new ValueInfo("y", DataType.FLOAT32, Shape.of(outShape))),
                constants, vector);
    }

    /** Runs a kernel on native buffers holding the inputs; returns the output values. */
    public static float[] run(Kernel kernel, List<Input> inputs, int outCount, io.jdeepface.engine.exec.Parallel parallel) {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment[] in = new MemorySegment[inputs.size()];
            for (int i = 0; i < in.length; i++) {
                in[i] = inputs.get(i) == null ? MemorySegment.NULL : segment(arena, inputs.get(i).values());
            }
            MemorySegment out = arena.allocate((long) outCount * Float.BYTES, 64);
            out.fill((byte) 0x7f); // garbage, so an unwritten element shows
            kernel.run(in, new MemorySegment[] {out}, parallel);
            return out.toArray(ValueLayout.JAVA_FLOAT);
        }
    }

    public static MemorySegment segment(Arena arena, float[] values) {
        MemorySegment s = arena.allocate(Math.max(1, (long) values.length * Float.BYTES), 64);
        for (int i = 0; i < values.length; i++) {
            s.setAtIndex(FLOAT, i, values[i]);
        }
        return values.length == 0 ? s.asSlice(0, 0) : s;
    }

    public static float[] randomFloats(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextFloat() * 2f - 1f;
        }
        return v;
    }

    /** Asserts {@code |actual - expected| <= tol·max(1, |expected|)} element-wise. */
    public static void assertClose(float[] expected, float[] actual, double tol, String what) {
        if (expected.length != actual.length) {
            fail(what + ": " + actual.length + " values, expected " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (!(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)))) {
                fail(what + ": element " + i + " is " + a + ", expected " + e);
            }
        }
    }

    public static Map<String, Attribute> attrs(Object... keyValues) {
        Map<String, Attribute> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            Attribute a = switch (v) {
                case Integer x -> new Attribute.Int(x);
                case Long x -> new Attribute.Int(x);
                case Float x -> new Attribute.Float(x);
                case String x -> new Attribute.Str(x);
                case long[] x -> new Attribute.Ints(x);
                default -> throw new IllegalArgumentException(String.valueOf(v));
            };
            m.put((String) keyValues[i], a);
        }
        return m;
    }
}
