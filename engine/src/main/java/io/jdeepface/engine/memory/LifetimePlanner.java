package io.jdeepface.engine.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Packs the activation buffers of one execution plan into a single arena. Each buffer is live from
 * the step that writes it to the last step that reads it; two buffers may share bytes only when
 * their lifetimes do not overlap. Greedy best-fit by decreasing size (as in TFLite's arena planner):
 * simple, deterministic, and within a few percent of optimal on feed-forward CNNs.
 */
public final class LifetimePlanner {
    /** Every buffer starts on a cache-line (and AVX-512 vector) boundary. */
    public static final long ALIGNMENT = 64;

    /** A buffer to place: {@code bytes} long, live during steps {@code [firstStep, lastStep]}. */
    public record Request(long bytes, int firstStep, int lastStep) {
        public Request {
            if (bytes < 0 || firstStep > lastStep) {
                throw new IllegalArgumentException("bad request " + bytes + " bytes, steps " + firstStep + ".." + lastStep);
            }
        }

        boolean overlapsInTime(Request o) {
            return firstStep <= o.lastStep && o.firstStep <= lastStep;
        }
    }

    /** Byte offset of each request (same order as given) and the arena size they need. */
    public record Plan(long[] offsets, long arenaBytes) {}

    private LifetimePlanner() {}

    public static Plan plan(List<Request> requests) {
        int count = requests.size();
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.<Integer>comparingLong(i -> requests.get(i).bytes()).reversed()
                .thenComparingInt(i -> i));
        long[] offsets = new long[count];
        List<Integer> placed = new ArrayList<>();
        long arena = 0;
        for (int idx : order) {
            Request r = requests.get(idx);
            long size = align(r.bytes());
            // Busy intervals of already placed buffers that are live at the same time, by offset.
            List<long[]> busy = new ArrayList<>();
            for (int p : placed) {
                if (requests.get(p).overlapsInTime(r)) {
                    busy.add(new long[] {offsets[p], offsets[p] + align(requests.get(p).bytes())});
                }
            }
            busy.sort(Comparator.comparingLong(b -> b[0]));
            long best = -1;
            long bestGap = Long.MAX_VALUE;
            long cursor = 0;
            for (long[] b : busy) {
                long gap = b[0] - cursor;
                if (gap >= size && gap < bestGap) {
                    best = cursor;
                    bestGap = gap;
                }
                cursor = Math.max(cursor, b[1]);
            }
            offsets[idx] = best >= 0 ? best : cursor;
            arena = Math.max(arena, offsets[idx] + size);
            placed.add(idx);
        }
        return new Plan(offsets, arena);
    }

    public static long align(long bytes) {
        return (bytes + ALIGNMENT - 1) & -ALIGNMENT;
    }
}
