package io.jdeepface.engine.ops.activation;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;

/** Test helpers: native float buffers like the engine's, and input values that stress edge cases. */
public final class Floats {
    private Floats() {}

    public static MemorySegment segment(float[] values) {
        MemorySegment seg = Arena.ofAuto().allocate(Math.max(1, values.length) * (long) Float.BYTES, 64)
                .asSlice(0, values.length * (long) Float.BYTES);
        MemorySegment.copy(values, 0, seg, ValueLayout.JAVA_FLOAT, 0, values.length);
        return seg;
    }

    public static float[] array(MemorySegment seg) {
        return seg.toArray(ValueLayout.JAVA_FLOAT);
    }

    /** Special values first (NaN, infinities, signed zeros, huge and tiny), then random ones of mixed scale. */
    public static float[] mixed(int n, long seed) {
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f,
            1e-45f, -1e-45f, 1e-30f, -1e-30f, 88.72f, 88.73f, -87.33f, -103.9f, -104f, -110f,
            1e30f, -1e30f, Float.MAX_VALUE, -Float.MAX_VALUE, 9.01f, -9.01f, 20f, -20f, 0.5f, -0.5f};
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i < special.length ? special[(int) ((i + seed) % special.length)]
                    : (float) ((r.nextDouble() * 2 - 1) * Math.pow(10, r.nextInt(5) - 2));
        }
        return v;
    }

    /** Equal as the scalar reference defines: NaN matches NaN, otherwise within {@code rel} or 2 ulps. */
    public static boolean close(float got, float want, double rel) {
        if (Float.isNaN(want) || Float.isNaN(got)) {
            return Float.isNaN(want) && Float.isNaN(got);
        }
        if (Float.isInfinite(want) || Float.isInfinite(got)) {
            return got == want;
        }
        double err = Math.abs((double) got - want);
        return err <= rel * Math.abs(want) || err <= 2 * Math.ulp(want);
    }
}
