package io.jdeepface.app.server;

import static io.jdeepface.app.server.ServerFixture.body;
import static io.jdeepface.app.server.ServerFixture.dataUri;
import static io.jdeepface.app.server.ServerFixture.sampleBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jdeepface.app.server.ServerFixture.Multipart;
import io.jdeepface.app.server.ServerFixture.Reply;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A bounded load test over loopback, not part of the default build (its name ends in IT):
 * {@code bin/mvn -o -pl app -am test -Dtest=ServerLoadIT -Dsurefire.failIfNoSpecifiedTests=false}.
 * 16 clients (-Djdeepface.load.clients) send a mix of verify, represent (JSON and multipart) and
 * analyze for 60 s (-Djdeepface.load.seconds) after a warm-up; every answer must equal the one the
 * same request got alone beforehand, none may fail, and the heap after GC may not grow by more
 * than a bound between the end of the warm-up and the end of the run. Prints requests/s and
 * p50/p99 latency.
 */
class ServerLoadIT {
    private static final int CLIENTS = Integer.getInteger("jdeepface.load.clients", 16);
    private static final int SECONDS = Integer.getInteger("jdeepface.load.seconds", 60);
    private static final int WARMUP_SECONDS = Integer.getInteger("jdeepface.load.warmup", 15);
    /** Allowed heap growth after GC: leaks of even a few KB per request would exceed it over a run. */
    private static final long HEAP_BOUND = 64L << 20;

    private record Kind(String name, Supplier<Reply> send) {}

    private record Outcome(String kind, long nanos, boolean ok, String problem) {}

    @Test
    void sixteenClientsForAMinuteGetTheSequentialAnswers() throws Exception {
        String s1 = dataUri(sampleBytes(1));
        String s3 = dataUri(sampleBytes(3));
        byte[] jpeg2 = sampleBytes(2);
        // Every client is admitted (no 503s by design here); on a small machine a request may wait long.
        ServerConfig config = ServerFixture.loopback().withMaxConcurrent(CLIENTS)
                .withRequestTimeout(java.time.Duration.ofMinutes(3));
        try (FaceServer server = FaceServer.start(config, ServerFixture.home())) {
            List<Kind> kinds = List.of(
                    new Kind("verify", () -> ServerFixture.post(server, "/verify", body("img1", s1, "img2", s3))),
                    new Kind("represent", () -> ServerFixture.post(server, "/represent", body("img", s1))),
                    new Kind("represent-multipart", () -> ServerFixture.multipart(server, "/represent",
                            new Multipart().part("img", jpeg2).part("max_faces", "2"))),
                    new Kind("analyze", () -> ServerFixture.post(server, "/analyze", body("img", s3,
                            "actions", List.of("age", "gender", "emotion"), "max_faces", 1))));

            // The reference: each request alone, in sequence.
            Map<String, JsonNode> reference = new ConcurrentHashMap<>();
            for (Kind k : kinds) {
                Reply r = k.send().get();
                assertEquals(200, r.status(), k.name() + ": " + r);
                reference.put(k.name(), comparable(r.json()));
            }

            // Warm-up under the same load, so session pools and JIT reach their steady state.
            List<Outcome> warm = run(kinds, reference, WARMUP_SECONDS);
            assertTrue(warm.stream().allMatch(Outcome::ok), "warm-up: " + firstProblem(warm));
            long heapAfterWarmup = heapAfterGc();

            long start = System.nanoTime();
            List<Outcome> outcomes = run(kinds, reference, SECONDS);
            double elapsed = (System.nanoTime() - start) / 1e9;
            long heapAtEnd = heapAfterGc();

            long failures = outcomes.stream().filter(o -> !o.ok()).count();
            List<Long> latencies = new ArrayList<>(outcomes.stream().map(Outcome::nanos).toList());
            Collections.sort(latencies);
            String report = String.format(Locale.ROOT,
                    "load: %d clients, %.0f s, %d requests, %.2f requests/s, latency p50 %.0f ms, p99 %.0f ms,"
                            + " max %.0f ms, %d failures; heap after GC %d MiB after warm-up, %d MiB at end%n  by kind: %s",
                    CLIENTS, elapsed, outcomes.size(), outcomes.size() / elapsed, percentile(latencies, 50) / 1e6,
                    percentile(latencies, 99) / 1e6, latencies.getLast() / 1e6, failures, heapAfterWarmup >> 20,
                    heapAtEnd >> 20, byKind(outcomes));
            System.out.println(report);
            System.err.println(report);
            assertEquals(0, failures, firstProblem(outcomes));
            assertTrue(outcomes.size() >= CLIENTS, "every client completed requests: " + report);
            assertTrue(heapAtEnd <= heapAfterWarmup + HEAP_BOUND, "heap grew beyond the bound: " + report);
        }
    }

    /** {@code clients} loops sending a rotating mix of requests for {@code seconds}, each answer checked. */
    private static List<Outcome> run(List<Kind> kinds, Map<String, JsonNode> reference, int seconds)
            throws Exception {
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong counter = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                done.add(clients.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        Kind k = kinds.get((int) (counter.getAndIncrement() % kinds.size()));
                        long t = System.nanoTime();
                        String problem;
                        try {
                            Reply r = k.send().get();
                            problem = r.status() != 200 ? r.toString()
                                    : differs(reference.get(k.name()), comparable(r.json()), "");
                        } catch (RuntimeException e) {
                            problem = e.toString();
                        }
                        outcomes.add(new Outcome(k.name(), System.nanoTime() - t, problem == null,
                                problem == null ? null : k.name() + ": " + problem));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
        return new ArrayList<>(outcomes);
    }

    /** The answer without its wall-clock field. */
    private static JsonNode comparable(JsonNode json) {
        JsonNode copy = json.deepCopy();
        if (copy instanceof ObjectNode o) {
            o.remove("time");
        }
        return copy;
    }

    /**
     * Null when equal: same structure and strings, numbers within 1e-5 (concurrency must not
     * change answers; the tolerance only forgives printing differences in the last digit).
     */
    static String differs(JsonNode want, JsonNode got, String path) {
        if (want.isNumber() && got.isNumber()) {
            return Math.abs(want.doubleValue() - got.doubleValue()) <= 1e-5 ? null
                    : path + ": " + got + " instead of " + want;
        }
        if (want.getNodeType() != got.getNodeType() || want.size() != got.size()) {
            return path + ": " + abbreviate(got) + " instead of " + abbreviate(want);
        }
        if (want.isObject()) {
            for (Iterator<String> it = want.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!got.has(f)) {
                    return path + "." + f + " missing";
                }
                String d = differs(want.get(f), got.get(f), path + "." + f);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (want.isArray()) {
            for (int i = 0; i < want.size(); i++) {
                String d = differs(want.get(i), got.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return want.equals(got) ? null : path + ": " + got + " instead of " + want;
    }

    private static String abbreviate(JsonNode n) {
        String s = n.toString();
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    private static String firstProblem(List<Outcome> outcomes) {
        return outcomes.stream().filter(o -> !o.ok()).map(Outcome::problem).findFirst().orElse("none");
    }

    private static String byKind(List<Outcome> outcomes) {
        Map<String, List<Long>> by = new java.util.TreeMap<>();
        for (Outcome o : outcomes) {
            by.computeIfAbsent(o.kind(), k -> new ArrayList<>()).add(o.nanos());
        }
        StringBuilder sb = new StringBuilder();
        by.forEach((k, v) -> {
            Collections.sort(v);
            sb.append(String.format(Locale.ROOT, "%s %d (p50 %.0f ms) ", k, v.size(), percentile(v, 50) / 1e6));
        });
        return sb.toString().strip();
    }

    private static double percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static long heapAfterGc() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }
}
