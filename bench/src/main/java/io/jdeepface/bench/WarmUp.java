package io.jdeepface.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Runs an operation until the JIT has finished with it, before JMH measures anything. The Vector
 * API kernels run 10-100x slower, and allocate megabytes per call, until C2 has compiled them,
 * which takes 20-40 s on a loaded 2-core machine: a fixed few seconds of JMH warm-up then measures
 * the interpreter. So the operation runs in windows of {@link #WINDOW_NANOS}, and warm-up ends
 * after two windows in a row that saw no new JIT compilation, whose median call was no faster than
 * the best earlier window (within {@link #GAIN}) and whose allocation per call did not fall (a
 * kernel still on the boxed fallback allocates), or after {@link #MAX_NANOS}. Two windows, because
 * a long C2 compile that spans one window finishes nothing in it. The outcome is printed, so the
 * JMH log shows how long each fork needed.
 */
final class WarmUp {
    static final long WINDOW_NANOS = 1_500_000_000L;
    /** A window whose median is more than 3% faster than the best so far means still warming up. */
    static final double GAIN = 0.97;
    static final long MIN_NANOS = 4_000_000_000L;
    static final long MAX_NANOS = Long.getLong("jdeepface.bench.warmupMaxSeconds", 40) * 1_000_000_000L;

    private WarmUp() {}

    /** What warm-up took: wall time, calls, and the median call of the last window. */
    record Outcome(double seconds, int calls, double lastMedianMs, boolean steady) {}

    static Outcome untilSteady(String what, Callable<?> operation) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean canSeeJit = jit != null && jit.isCompilationTimeMonitoringSupported();
        long start = System.nanoTime();
        double best = Double.POSITIVE_INFINITY;
        double median = Double.NaN;
        int calls = 0;
        boolean steady = false;
        int quietWindows = 0;
        double fewestBytes = Double.POSITIVE_INFINITY;
        var threads = ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t ? t : null;
        long[] times = new long[64];
        while (System.nanoTime() - start < MAX_NANOS) {
            long jitBefore = canSeeJit ? jit.getTotalCompilationTime() : 0;
            long bytesBefore = threads != null ? threads.getTotalThreadAllocatedBytes() : 0;
            long windowStart = System.nanoTime();
            int n = 0;
            // At least 3 calls per window, so one slow model still gives a median.
            while (n < 3 || System.nanoTime() - windowStart < WINDOW_NANOS) {
                long t0 = System.nanoTime();
                operation.call();
                long t = System.nanoTime() - t0;
                if (n == times.length) {
                    times = Arrays.copyOf(times, n * 2);
                }
                times[n++] = t;
            }
            calls += n;
            long[] sorted = Arrays.copyOf(times, n);
            Arrays.sort(sorted);
            median = sorted[n / 2] / 1e6;
            boolean jitIdle = !canSeeJit || jit.getTotalCompilationTime() == jitBefore;
            boolean noFaster = median >= best * GAIN;
            best = Math.min(best, median);
            // Allocation counts all threads (pool workers too); "did not fall" allows 10% + 4 KB of noise.
            double bytesPerCall = threads != null ? (double) (threads.getTotalThreadAllocatedBytes() - bytesBefore) / n : 0;
            boolean noLessAllocation = bytesPerCall >= fewestBytes * 0.9 - 4096;
            fewestBytes = Math.min(fewestBytes, bytesPerCall);
            quietWindows = jitIdle && noFaster && noLessAllocation ? quietWindows + 1 : 0;
            if (quietWindows >= 2 && System.nanoTime() - start >= MIN_NANOS) {
                steady = true;
                break;
            }
        }
        Outcome o = new Outcome((System.nanoTime() - start) / 1e9, calls, median, steady);
        System.out.printf(Locale.ROOT, "%nwarm-up of %s: %.1f s, %d calls, last median %.3f ms%s%n", what,
                o.seconds(), o.calls(), o.lastMedianMs(), steady ? "" : " (NOT steady: hit the time limit)");
        return o;
    }
}
