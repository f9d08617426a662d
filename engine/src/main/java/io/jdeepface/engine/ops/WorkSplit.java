package io.jdeepface.engine.ops;

import io.jdeepface.engine.exec.Parallel;
import java.lang.foreign.MemorySegment;

/**
 * Decides whether a kernel's loop is worth spreading over the session's threads. Handing a chunk
 * to another thread costs a few microseconds, so small loops (face models have many 7x7 and 14x14
 * planes) run on the caller.
 */
public final class WorkSplit {
    /** Below this many element operations a loop runs on the calling thread. */
    public static final long MIN_PARALLEL_WORK = 1 << 15;

    private WorkSplit() {}

    /** Runs {@code body} over [0, items), in parallel when {@code work} (element operations) is large. */
    public static void forRange(Parallel parallel, int items, long work, Parallel.RangeBody body) {
        if (items <= 0) {
            return;
        }
        if (parallel.threads() <= 1 || items == 1 || work < MIN_PARALLEL_WORK) {
            body.run(0, items);
        } else {
            parallel.forRange(items, body);
        }
    }

    /** As {@link #forRange(Parallel, int, long, Parallel.RangeBody)}, with a body made once per kernel. */
    public static void forRange(Parallel parallel, int items, long work, MemorySegment[] inputs,
            MemorySegment[] outputs, Parallel.StepBody body) {
        if (items <= 0) {
            return;
        }
        if (parallel.threads() <= 1 || items == 1 || work < MIN_PARALLEL_WORK) {
            body.run(inputs, outputs, 0, items);
        } else {
            parallel.forRange(items, inputs, outputs, body);
        }
    }
}
