package io.jdeepface.face.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: a child JVM keeps adding photos and saving the store while the test kills it
 * with SIGKILL at random moments. Whatever instant the kill hits, the store must open as a valid
 * store (never misread, never needing a rebuild) that holds a consistent earlier state.
 */
class StoreKillTest {
    private static final StoreSettings SETTINGS = new StoreSettings("fr_feature", "ultraface", "arcface5-lsq", "base", 0);

    /** The child: adds one fake photo per round and refreshes, forever, printing each saved count. */
    public static void main(String[] args) throws IOException {
        Path db = Path.of(args[0]);
        EmbeddingStore store = EmbeddingStore.open(db, SETTINGS);
        for (int round = store.files().size(); ; round++) {
            // Big enough that a save takes a while: 40 faces of 512 values per photo.
            Files.writeString(db.resolve("p" + round + ".jpg"), "photo " + round);
            store.refresh(file -> faces(file, 40), ProgressListener.NONE);
            System.out.println(store.faceCount());
            System.out.flush();
        }
    }

    static List<IndexedFace> faces(Path file, int n) {
        Random r = new Random(file.getFileName().toString().hashCode());
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> {
            float[] e = new float[512];
            for (int j = 0; j < e.length; j++) {
                e[j] = (float) r.nextGaussian();
            }
            return new IndexedFace(new FaceBox(i, 0, 10, 10), null, null, 0.9f, e);
        }).toList();
    }

    @Test
    void killingTheWriterAtAnyMomentNeverCorruptsTheStore(@TempDir Path db) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Random random = new Random(7);
        int lastCount = 0;
        for (int kill = 0; kill < 6; kill++) {
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    StoreKillTest.class.getName(), db.toString()).redirectErrorStream(true).start();
            // Let it save a few times, then kill it without warning, mid-write or not.
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500 + random.nextInt(1500));
            var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()));
            int saves = 0;
            while (System.nanoTime() < deadline && saves < 3 + random.nextInt(20)) {
                String line = out.readLine();
                if (line == null) {
                    break;
                }
                if (!line.isBlank() && Character.isDigit(line.charAt(0))) {
                    saves++;
                }
            }
            child.toHandle().destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));

            EmbeddingStore reopened = EmbeddingStore.open(db, SETTINGS);
            assertTrue(reopened.rebuildReason().isEmpty(), "kill " + kill + ": " + reopened.rebuildReason());
            int count = reopened.faceCount();
            assertEquals(40 * reopened.files().size(), count, "every stored photo has all its faces");
            assertTrue(count >= lastCount, "a save is never lost: " + count + " < " + lastCount);
            lastCount = count;
            try (var files = Files.list(db)) {
                assertEquals(List.of(), files.filter(p -> p.getFileName().toString().contains(".tmp")).toList(),
                        "leftover temp files are cleaned up on open");
            }
        }
        assertTrue(lastCount > 0, "the child saved at least once");
    }
}
