package io.jdeepface.face.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.face.align.Point;
import io.jdeepface.face.verify.DistanceMetric;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Building, reloading, refreshing, rebuilding and searching the find() database. */
class EmbeddingStoreTest {
    private static final StoreSettings SETTINGS = new StoreSettings("fr_feature", "ultraface", "arcface5-lsq", "base", 0);
    private static final int DIM = 7;

    @TempDir
    Path db;

    /**
     * A stand-in for decode + detect + embed: the file's text decides. "noface" has none, "broken"
     * cannot be read, "dim3" gives a wrong-sized embedding; anything else has one face, or two when
     * the text contains "pair". Embeddings are a deterministic function of the text.
     */
    static final class FakeIndexer implements FaceIndexer {
        final Map<String, Integer> calls = new HashMap<>();

        @Override
        public List<IndexedFace> index(Path file) throws IOException {
            calls.merge(file.getFileName().toString(), 1, Integer::sum);
            String text = Files.readString(file);
            if (text.equals("broken")) {
                throw new IOException("cannot decode " + file.getFileName());
            }
            if (text.equals("noface")) {
                return List.of();
            }
            int faces = text.contains("pair") ? 2 : 1;
            Random random = new Random(text.hashCode());
            List<IndexedFace> result = new ArrayList<>();
            for (int i = 0; i < faces; i++) {
                float[] e = new float[text.equals("dim3") ? 3 : DIM];
                for (int j = 0; j < e.length; j++) {
                    e[j] = (float) random.nextGaussian();
                }
                result.add(new IndexedFace(new FaceBox(10 * i, 20, 30, 40), new Point(12, 25), new Point(28, 25),
                        0.9f, e));
            }
            return result;
        }

        int total() {
            return calls.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private Path write(String name, String content) throws IOException {
        Path p = db.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    @Test
    void buildsReloadsAndSkipsUnchangedFiles() throws IOException {
        write("alice/1.jpg", "alice one");
        write("alice/2.PNG", "alice pair");
        write("bob/3.jpeg", "bob");
        write("notes.txt", "not an image");
        write(".hidden.jpg", "hidden");
        write(".cache/x.jpg", "cached");
        EmbeddingStore store = EmbeddingStore.open(db, SETTINGS);
        assertTrue(store.rebuildReason().isEmpty());
        FakeIndexer indexer = new FakeIndexer();
        List<int[]> progress = new ArrayList<>();
        RefreshSummary summary = store.refresh(indexer, (done, total) -> progress.add(new int[] {done, total}));
        assertEquals(new RefreshSummary(3, 0, 0, 0, 0), summary);
        assertEquals(3, indexer.total());
        assertArrayEquals(new int[] {3, 3}, progress.getLast());
        assertEquals(4, store.faceCount());
        assertEquals(DIM, store.dimension());
        assertEquals(List.of("alice/1.jpg", "alice/2.PNG", "bob/3.jpeg"),
                store.files().stream().map(FileRecord::path).toList());
        assertTrue(Files.exists(store.storeFile()));

        EmbeddingStore reloaded = EmbeddingStore.open(db, SETTINGS);
        assertTrue(reloaded.rebuildReason().isEmpty());
        assertEquals(store.files(), reloaded.files());
        List<IndexedFace> faces = reloaded.faces("alice/2.PNG");
        assertEquals(2, faces.size());
        assertArrayEquals(store.faces("alice/2.PNG").get(1).embedding(), faces.get(1).embedding());
        assertEquals(new FaceBox(10, 20, 30, 40), faces.get(1).box());
        assertEquals(new Point(12, 25), faces.get(1).leftEye());

        byte[] before = Files.readAllBytes(store.storeFile());
        FileTime writtenAt = Files.getLastModifiedTime(store.storeFile());
        FakeIndexer again = new FakeIndexer();
        assertEquals(new RefreshSummary(0, 0, 0, 3, 0), reloaded.refresh(again, ProgressListener.NONE));
        assertEquals(0, again.total());
        assertArrayEquals(before, Files.readAllBytes(store.storeFile()));
        assertEquals(writtenAt, Files.getLastModifiedTime(store.storeFile()), "nothing changed: not rewritten");
    }

    @Test
    void refreshesIncrementally() throws IOException {
        write("a.jpg", "a");
        write("b.jpg", "b");
        Path c = write("c.jpg", "c");
        Path d = write("d.jpg", "d");
        EmbeddingStore store = EmbeddingStore.open(db, SETTINGS);
        store.refresh(new FakeIndexer(), ProgressListener.NONE);
        float[] cBefore = store.faces("c.jpg").getFirst().embedding();

        Files.delete(db.resolve("a.jpg"));
        write("e.jpg", "e pair");
        FileTime cTime = Files.getLastModifiedTime(c);
        Files.writeString(c, "C"); // same size, new content
        Files.setLastModifiedTime(c, FileTime.fromMillis(cTime.toMillis() + 5000));
        Files.setLastModifiedTime(d, FileTime.fromMillis(Files.getLastModifiedTime(d).toMillis() + 5000)); // touched only

        FakeIndexer indexer = new FakeIndexer();
        RefreshSummary summary = EmbeddingStore.open(db, SETTINGS).refresh(indexer, ProgressListener.NONE);
        assertEquals(new RefreshSummary(1, 1, 1, 2, 0), summary);
        assertEquals(Map.of("e.jpg", 1, "c.jpg", 1), indexer.calls);

        EmbeddingStore reloaded = EmbeddingStore.open(db, SETTINGS);
        assertEquals(List.of("b.jpg", "c.jpg", "d.jpg", "e.jpg"), reloaded.files().stream().map(FileRecord::path).toList());
        assertEquals(5, reloaded.faceCount());
        assertFalse(java.util.Arrays.equals(cBefore, reloaded.faces("c.jpg").getFirst().embedding()));
        // The touched file's new time was recorded, so the next refresh does not hash it again.
        FakeIndexer none = new FakeIndexer();
        assertEquals(new RefreshSummary(0, 0, 0, 4, 0), reloaded.refresh(none, ProgressListener.NONE));

        // A moved image and a copy reuse the stored faces instead of being indexed again.
        Files.createDirectories(db.resolve("moved"));
        Files.move(db.resolve("e.jpg"), db.resolve("moved/e.jpg"));
        Files.copy(db.resolve("b.jpg"), db.resolve("b copy.jpg"));
        FakeIndexer moves = new FakeIndexer();
        assertEquals(new RefreshSummary(2, 0, 1, 3, 0), reloaded.refresh(moves, ProgressListener.NONE));
        assertEquals(0, moves.total());
        assertEquals(2, reloaded.faces("moved/e.jpg").size());
        assertArrayEquals(reloaded.faces("b.jpg").getFirst().embedding(), reloaded.faces("b copy.jpg").getFirst().embedding());
        assertEquals(6, EmbeddingStore.open(db, SETTINGS).faceCount());
    }

    @Test
    void aFailingFileIsRecordedAndDoesNotStopTheRefresh() throws IOException {
        write("1.jpg", "broken");
        write("2.jpg", "noface");
        write("3.jpg", "fine");
        write("4.jpg", "dim3");
        write("5.jpg", "also fine");
        EmbeddingStore store = EmbeddingStore.open(db, SETTINGS);
        FakeIndexer indexer = new FakeIndexer();
        RefreshSummary summary = store.refresh(indexer, ProgressListener.NONE);
        assertEquals(5, summary.added());
        assertEquals(2, summary.failed());
        Map<String, FileRecord> byPath = new HashMap<>();
        EmbeddingStore.open(db, SETTINGS).files().forEach(f -> byPath.put(f.path(), f));
        assertEquals(FileStatus.UNREADABLE, byPath.get("1.jpg").status());
        assertTrue(byPath.get("1.jpg").message().contains("cannot decode 1.jpg"), byPath.get("1.jpg").message());
        assertEquals(FileStatus.NO_FACE, byPath.get("2.jpg").status());
        assertEquals(FileStatus.FACES, byPath.get("3.jpg").status());
        assertEquals(FileStatus.UNREADABLE, byPath.get("4.jpg").status());
        assertTrue(byPath.get("4.jpg").message().contains("3 values"), byPath.get("4.jpg").message());
        assertEquals(2, store.faceCount());
        // Unchanged failures are not retried.
        FakeIndexer again = new FakeIndexer();
        store.refresh(again, ProgressListener.NONE);
        assertEquals(0, again.total());
    }

    @Test
    void otherSettingsOrFormatVersionCauseARebuild() throws IOException {
        write("a.jpg", "a");
        EmbeddingStore.open(db, SETTINGS).refresh(new FakeIndexer(), ProgressListener.NONE);
        StoreSettings unaligned = new StoreSettings("fr_feature", "ultraface", "none", "base", 0);
        EmbeddingStore other = EmbeddingStore.open(db, unaligned);
        assertTrue(other.rebuildReason().orElseThrow().contains("alignment 'arcface5-lsq', now 'none'"),
                other.rebuildReason().orElseThrow());
        assertEquals(0, other.faceCount());
        FakeIndexer indexer = new FakeIndexer();
        assertEquals(1, other.refresh(indexer, ProgressListener.NONE).added());
        assertEquals(1, indexer.total());
        assertTrue(EmbeddingStore.open(db, unaligned).rebuildReason().isEmpty());

        Path file = other.storeFile();
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(8, 99);
        Files.write(file, bytes);
        assertTrue(EmbeddingStore.open(db, unaligned).rebuildReason().orElseThrow().contains("format version 99"));
    }

    @Test
    void damagedTruncatedOrForeignFilesAreRebuiltNeverMisread() throws IOException {
        write("a.jpg", "a pair");
        write("b.jpg", "b");
        EmbeddingStore store = EmbeddingStore.open(db, SETTINGS);
        store.refresh(new FakeIndexer(), ProgressListener.NONE);
        Path file = store.storeFile();
        byte[] good = Files.readAllBytes(file);

        byte[] flipped = good.clone();
        flipped[good.length - 20] ^= 0x10; // inside the last embedding
        Files.write(file, flipped);
        assertTrue(reason().contains("checksum"), reason());

        Files.write(file, java.util.Arrays.copyOf(good, good.length - 7));
        assertTrue(reason().contains("truncated"), reason());

        Files.writeString(file, "hello, I am a pickle");
        assertTrue(reason().contains("not a jdeepface embedding store"), reason());

        // A header claiming two billion faces: rejected from the counts, before any allocation.
        byte[] huge = good.clone();
        int settingsLength = ByteBuffer.wrap(good).getInt(12);
        ByteBuffer.wrap(huge).putInt(16 + settingsLength + 8, Integer.MAX_VALUE);
        Files.write(file, huge);
        assertTrue(reason().contains("header is corrupt"), reason());

        // The rebuilt store is written out again on the next refresh, even with nothing new to index.
        EmbeddingStore rebuilt = EmbeddingStore.open(db, SETTINGS);
        assertEquals(new RefreshSummary(2, 0, 0, 0, 0), rebuilt.refresh(new FakeIndexer(), ProgressListener.NONE));
        assertTrue(EmbeddingStore.open(db, SETTINGS).rebuildReason().isEmpty());
        assertArrayEquals(good, Files.readAllBytes(file));
    }

    @Test
    void aWriteInterruptedByACrashLeavesTheOldStoreAndItsTempFileIsCleanedUp() throws IOException {
        write("a.jpg", "a");
        EmbeddingStore store = EmbeddingStore.open(db, SETTINGS);
        store.refresh(new FakeIndexer(), ProgressListener.NONE);
        byte[] old = Files.readAllBytes(store.storeFile());

        // What a process killed halfway through saving leaves behind.
        write("b.jpg", "b pair");
        StoreData newer = new StoreData.Builder(DIM, 0).build();
        ByteArrayOutputStream newBytes = new ByteArrayOutputStream();
        StoreFile.write(newBytes, SETTINGS, newer);
        Path temp = db.resolve(SETTINGS.fileName() + ".tmp-4f2a");
        Files.write(temp, java.util.Arrays.copyOf(newBytes.toByteArray(), newBytes.size() / 2));

        EmbeddingStore reopened = EmbeddingStore.open(db, SETTINGS);
        assertTrue(reopened.rebuildReason().isEmpty());
        assertFalse(Files.exists(temp), "leftover temp file deleted");
        assertEquals(1, reopened.faceCount());
        assertArrayEquals(old, Files.readAllBytes(store.storeFile()));
        assertEquals(1, reopened.refresh(new FakeIndexer(), ProgressListener.NONE).added());
        try (var files = Files.list(db)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().contains(".tmp")).toList());
        }
    }

    @Test
    void searchRanksExactlyLikeANaiveSort() throws IOException {
        Random random = new Random(42);
        for (int i = 0; i < 80; i++) {
            write("p" + (i % 9) + "/img" + i + ".jpg", "face " + i + (random.nextInt(3) == 0 ? " pair" : ""));
        }
        write("p0/dup.jpg", "face 3"); // same embedding as img3: a tie
        EmbeddingStore store = EmbeddingStore.open(db, SETTINGS);
        store.refresh(new FakeIndexer(), ProgressListener.NONE);
        EmbeddingStore loaded = EmbeddingStore.open(db, SETTINGS);

        record Candidate(String identity, FaceBox box, double distance, int order) {
        }
        for (DistanceMetric metric : DistanceMetric.values()) {
            for (int q = 0; q < 5; q++) {
                float[] query = q == 0 ? loaded.faces("p3/img3.jpg").getFirst().embedding() : randomVector(random);
                List<Candidate> all = new ArrayList<>();
                for (FileRecord f : loaded.files()) {
                    for (IndexedFace face : loaded.faces(f.path())) {
                        all.add(new Candidate(f.path(), face.box(), metric.distance(query, face.embedding()), all.size()));
                    }
                }
                all.sort(Comparator.comparingDouble(Candidate::distance).thenComparingInt(Candidate::order));
                double median = all.get(all.size() / 2).distance();
                for (int k : new int[] {1, 3, 10, 1000}) {
                    for (double threshold : new double[] {Double.POSITIVE_INFINITY, median}) {
                        List<Match> matches = loaded.search(query, metric, k, threshold);
                        List<Candidate> expected = all.stream().filter(c -> c.distance() <= threshold).limit(k).toList();
                        assertEquals(expected.size(), matches.size(), metric + " k=" + k + " t=" + threshold);
                        for (int i = 0; i < expected.size(); i++) {
                            assertEquals(expected.get(i).identity(), matches.get(i).identity());
                            assertEquals(expected.get(i).box(), matches.get(i).box());
                            assertEquals(expected.get(i).distance(), matches.get(i).distance(), 0);
                            assertEquals(db.toAbsolutePath().normalize().resolve(expected.get(i).identity()),
                                    matches.get(i).file());
                        }
                    }
                }
                if (q == 0) {
                    List<Match> top2 = loaded.search(query, metric, 2, Double.POSITIVE_INFINITY);
                    assertEquals(List.of("p0/dup.jpg", "p3/img3.jpg"), top2.stream().map(Match::identity).toList(),
                            "ties keep store order");
                    assertEquals(0, top2.get(0).distance(), 1e-6);
                }
            }
        }
    }

    @Test
    void searchRejectsBadQueriesAndHandlesAnEmptyStore() throws IOException {
        EmbeddingStore empty = EmbeddingStore.open(db, SETTINGS);
        assertEquals(List.of(), empty.search(new float[DIM], DistanceMetric.COSINE, 5, 1));
        write("a.jpg", "a");
        empty.refresh(new FakeIndexer(), ProgressListener.NONE);
        assertThrows(IllegalArgumentException.class, () -> empty.search(new float[DIM + 1], DistanceMetric.COSINE, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> empty.search(randomVector(new Random(1)), DistanceMetric.COSINE, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> empty.search(new float[DIM], DistanceMetric.COSINE, 1, 2));
        float[] nan = randomVector(new Random(1));
        nan[2] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> empty.search(nan, DistanceMetric.EUCLIDEAN, 1, 2));
        assertThrows(IllegalArgumentException.class,
                () -> empty.refresh(List.of(db.resolve("../elsewhere.jpg")), new FakeIndexer(), ProgressListener.NONE));
    }

    @Test
    void listsImagesByExtensionAndRejectsUnsafeStoredPaths() throws IOException {
        write("x/a.webp", "");
        write("x/b.PGM", "");
        write("x/c.gif.txt", "");
        write("x/._d.jpg", "");
        AtomicInteger n = new AtomicInteger();
        ImageFiles.list(db).forEach(p -> n.incrementAndGet());
        assertEquals(2, n.get());
        assertTrue(StoreFile.isSafeRelativePath("a/b c.jpg"));
        for (String bad : new String[] {"", "/etc/x.jpg", "../x.jpg", "a//b.jpg", "a/./b.jpg", "a\\b.jpg"}) {
            assertFalse(StoreFile.isSafeRelativePath(bad), bad);
        }
        assertEquals("jdeepface_fr_feature_ultraface.jdfs", SETTINGS.fileName());
        assertEquals("jdeepface_a-b_c.jdfs", new StoreSettings("a/b", "c", "x", "y", 0).fileName());
        assertTrue(new String(Files.readAllBytes(write("y.jpg", "é")), StandardCharsets.UTF_8).equals("é"));
    }

    private static float[] randomVector(Random random) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private String reason() throws IOException {
        return EmbeddingStore.open(db, SETTINGS).rebuildReason().orElse("(loaded fine)");
    }
}
