package io.jdeepface.face.store;

import io.jdeepface.face.verify.DistanceMetric;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The embeddings of a folder of face images, kept in a file inside that folder so that DeepFace's
 * {@code find} does not re-embed the whole database on every query.
 *
 * <p><b>Lifecycle.</b> {@link #open} loads the store file for the given {@link StoreSettings}. A file
 * made with other settings or another format version, or one that is truncated or damaged
 * (CRC32C), is never misread: it is logged with the reason and the store starts empty, so the next
 * {@link #refresh} re-indexes everything and replaces the file. {@link #refresh} brings the store up
 * to date with the folder: files whose size and modification time are unchanged are trusted; for
 * the others the content hash decides whether they need indexing again; files that are gone are
 * dropped. Only new and changed files go through the {@link FaceIndexer}, and only when no stored
 * file has the same content (a moved or copied image reuses its faces).
 *
 * <p><b>Crash safety.</b> The file is written to a temporary file in the same folder, forced to disk,
 * and atomically renamed over the old one, so a crash leaves either the old or the new store;
 * leftover temporary files are deleted by the next {@link #open}.
 *
 * <p><b>Search.</b> {@link #search} is exact: an {@link EmbeddingMatrix} scan over one contiguous
 * array of all embeddings, first over an int8 copy (Vector API, all cores), then exactly over the
 * few rows that copy cannot rule out; a million 512-value embeddings take 2 GB of heap, plus 0.5 GB
 * for the int8 copy made by the first search.
 *
 * <p><b>Threads.</b> Searches may run concurrently with each other and with a refresh (they see the
 * contents from before or after it). Only one process should refresh a given folder at a time.
 */
public final class EmbeddingStore {
    private static final System.Logger LOG = System.getLogger(EmbeddingStore.class.getName());
    private static final int MAX_MESSAGE_CHARS = 500;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path folder;
    private final StoreSettings settings;
    private final Path storeFile;
    private final String rebuildReason;
    private volatile StoreData data;
    /** The store file on disk is missing or unusable, so the next refresh must write it even if nothing changed. */
    private boolean mustSave;

    private EmbeddingStore(Path folder, StoreSettings settings, StoreData data, String rebuildReason) {
        this.folder = folder;
        this.settings = settings;
        this.storeFile = folder.resolve(settings.fileName());
        this.data = data;
        this.rebuildReason = rebuildReason;
        this.mustSave = rebuildReason != null || !Files.exists(storeFile);
    }

    /**
     * The store of {@code folder} for {@code settings}: its contents if the store file exists and
     * is valid for these settings, otherwise empty (see {@link #rebuildReason()}).
     *
     * @throws IOException when the folder cannot be read (not when the store file is bad)
     */
    public static EmbeddingStore open(Path folder, StoreSettings settings) throws IOException {
        Path dir = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw Files.exists(dir) ? new NotDirectoryException(dir.toString()) : new NoSuchFileException(dir.toString());
        }
        deleteTemporaryFiles(dir, settings.fileName());
        Path file = dir.resolve(settings.fileName());
        if (!Files.exists(file)) {
            return new EmbeddingStore(dir, settings, StoreData.empty(), null);
        }
        String reason;
        try {
            StoreData loaded = StoreFile.read(file, settings);
            for (FileRecord f : loaded.files) {
                if (!dir.resolve(f.path()).normalize().startsWith(dir)) {
                    throw new StoreFile.StoreFormatException("it lists a path outside the folder: " + f.path());
                }
            }
            LOG.log(Level.DEBUG, () -> "loaded " + file + ": " + loaded.files.size() + " images, "
                    + loaded.faceCount() + " faces");
            return new EmbeddingStore(dir, settings, loaded, null);
        } catch (StoreFile.StoreFormatException e) {
            reason = e.getMessage();
        }
        LOG.log(Level.WARNING, "rebuilding the embedding store " + file + " because " + reason);
        return new EmbeddingStore(dir, settings, StoreData.empty(), reason);
    }

    /** Why the existing store file was not used, if it was not (for logs and tests). */
    public Optional<String> rebuildReason() {
        return Optional.ofNullable(rebuildReason);
    }

    public Path folder() {
        return folder;
    }

    public StoreSettings settings() {
        return settings;
    }

    /** Where the store is kept. */
    public Path storeFile() {
        return storeFile;
    }

    /** The tracked image files, sorted by path. */
    public List<FileRecord> files() {
        return data.files;
    }

    public int faceCount() {
        return data.faceCount();
    }

    /** Values per embedding; 0 while the store has never held a face. */
    public int dimension() {
        return data.dimension;
    }

    /** The stored faces of one image ({@code relativePath} '/'-separated), empty when unknown. */
    public List<IndexedFace> faces(String relativePath) {
        StoreData d = data;
        List<IndexedFace> faces = new ArrayList<>();
        for (int f = 0; f < d.files.size(); f++) {
            if (d.files.get(f).path().equals(relativePath)) {
                for (int i = 0; i < d.files.get(f).faceCount(); i++) {
                    faces.add(d.face(d.firstFace[f] + i));
                }
            }
        }
        return faces;
    }

    /** {@link #refresh(Collection, FaceIndexer, ProgressListener)} with the folder's {@link ImageFiles#list listing}. */
    public RefreshSummary refresh(FaceIndexer indexer, ProgressListener listener) throws IOException {
        return refresh(ImageFiles.list(folder), indexer, listener);
    }

    /**
     * Brings the store up to date with {@code imageFiles} (files inside the folder), indexing new and
     * changed ones, and saves it when anything changed. A file the indexer fails on is stored as
     * {@link FileStatus#UNREADABLE} and not retried until its content changes.
     *
     * @throws IOException when the store file cannot be written (the old one is then left intact)
     */
    public synchronized RefreshSummary refresh(Collection<Path> imageFiles, FaceIndexer indexer,
                                               ProgressListener listener) throws IOException {
        Map<String, Path> current = new TreeMap<>();
        for (Path p : imageFiles) {
            Path abs = folder.resolve(p).toAbsolutePath().normalize();
            if (!abs.startsWith(folder) || abs.equals(folder)) {
                throw new IllegalArgumentException(p + " is not inside the database folder " + folder);
            }
            String relative = relativePath(abs);
            if (!StoreFile.isStorablePath(relative)) {
                LOG.log(Level.WARNING, "skipping " + abs + ": its name cannot be stored (backslash, or not valid Unicode)");
                continue;
            }
            current.put(relative, abs);
        }
        StoreData old = data;
        Map<String, Integer> oldIndex = new HashMap<>();
        Map<String, Integer> oldByHash = new HashMap<>(); // a moved or duplicated image needs no indexing
        for (int f = 0; f < old.files.size(); f++) {
            FileRecord r = old.files.get(f);
            oldIndex.put(r.path(), f);
            if (r.status() != FileStatus.UNREADABLE) {
                oldByHash.putIfAbsent(r.sha256(), f);
            }
        }
        StoreData.Builder next = new StoreData.Builder(old.dimension, old.faceCount());
        int added = 0, changed = 0, unchanged = 0, failed = 0, done = 0;
        boolean dirty = false;
        for (var entry : current.entrySet()) {
            String path = entry.getKey();
            Path file = entry.getValue();
            Integer before = oldIndex.remove(path);
            FileRecord previous = before == null ? null : old.files.get(before);
            FileRecord fresh = null;
            try {
                BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
                long size = attrs.size();
                long modified = attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
                if (previous != null && previous.size() == size && previous.modifiedNanos() == modified) {
                    next.addCopy(previous, old, old.firstFace[before]);
                    unchanged++;
                } else {
                    String hash = sha256(file);
                    if (previous != null && previous.sha256().equals(hash)) {
                        next.addCopy(previous.withTimes(size, modified), old, old.firstFace[before]); // touched only
                        unchanged++;
                        dirty = true;
                    } else if (oldByHash.containsKey(hash)) {
                        int same = oldByHash.get(hash);
                        FileRecord copy = old.files.get(same);
                        next.addCopy(new FileRecord(path, hash, size, modified, copy.status(), copy.message(),
                                copy.faceCount()), old, old.firstFace[same]);
                        if (previous == null) {
                            added++;
                        } else {
                            changed++;
                        }
                        dirty = true;
                    } else {
                        fresh = new FileRecord(path, hash, size, modified, FileStatus.FACES, "", 0);
                    }
                }
            } catch (NoSuchFileException e) {
                // Deleted since it was listed: treat as removed.
                done++;
                listener.progress(done, current.size());
                continue;
            } catch (IOException e) {
                fresh = new FileRecord(path, "", -1, -1, FileStatus.UNREADABLE, message(e), 0);
            }
            if (fresh != null) {
                fresh = index(file, fresh, indexer, next);
                if (previous == null) {
                    added++;
                } else {
                    changed++;
                }
                failed += fresh.status() == FileStatus.UNREADABLE ? 1 : 0;
                dirty = true;
            }
            done++;
            listener.progress(done, current.size());
        }
        int removed = oldIndex.size();
        StoreData updated = next.build();
        if (dirty || removed > 0 || mustSave) {
            save(updated);
            mustSave = false;
        }
        data = updated;
        RefreshSummary summary = new RefreshSummary(added, changed, removed, unchanged, failed);
        LOG.log(Level.INFO, () -> "embedding store " + storeFile + ": " + summary + ", " + updated.faceCount() + " faces");
        return summary;
    }

    /** Runs the indexer on one file and adds the outcome to {@code next}; returns the record added. */
    private static FileRecord index(Path file, FileRecord record, FaceIndexer indexer, StoreData.Builder next)
            throws InterruptedIOException {
        if (record.status() == FileStatus.UNREADABLE) {
            next.add(record, List.of());
            return record;
        }
        List<IndexedFace> faces;
        try {
            faces = List.copyOf(indexer.index(file));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("refresh of the embedding store interrupted while indexing " + file);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "cannot index " + file + ": " + e);
            FileRecord failed = withStatus(record, FileStatus.UNREADABLE, message(e));
            next.add(failed, List.of());
            return failed;
        }
        FileRecord result = withStatus(record, faces.isEmpty() ? FileStatus.NO_FACE : FileStatus.FACES, "");
        try {
            next.add(result, faces);
            return result;
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "cannot store the faces of " + file + ": " + e.getMessage());
            FileRecord failed = withStatus(record, FileStatus.UNREADABLE, message(e));
            next.add(failed, List.of());
            return failed;
        }
    }

    private static FileRecord withStatus(FileRecord r, FileStatus status, String message) {
        return new FileRecord(r.path(), r.sha256(), r.size(), r.modifiedNanos(), status, message, 0);
    }

    private static String message(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return m.length() <= MAX_MESSAGE_CHARS ? m : m.substring(0, MAX_MESSAGE_CHARS) + "...";
    }

    /**
     * The {@code k} stored faces nearest to {@code query} with {@code distance <= threshold}, nearest
     * first (ties in store order). Pass {@code Double.POSITIVE_INFINITY} to keep all distances.
     */
    public List<Match> search(float[] query, DistanceMetric metric, int k, double threshold) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold must not be NaN");
        }
        StoreData d = data;
        int n = d.faceCount();
        if (n == 0) {
            return List.of();
        }
        int dim = d.dimension;
        if (query.length != dim) {
            throw new IllegalArgumentException("query embedding has " + query.length + " values but the store holds "
                    + dim + "-value embeddings of model " + settings.model());
        }
        for (float v : query) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("query embedding contains NaN or infinite values");
            }
        }
        List<Match> matches = new ArrayList<>(Math.min(k, n));
        for (Neighbor near : d.matrix.nearest(query, metric, k, threshold)) {
            String identity = d.files.get(d.fileOfFace[near.row()]).path();
            matches.add(new Match(identity, folder.resolve(identity), d.box(near.row()), near.distance()));
        }
        return matches;
    }

    /** Writes {@code d} crash-safely: temporary file, fsync, atomic rename, fsync of the folder. */
    private void save(StoreData d) throws IOException {
        // Not Files.createTempFile: that makes the file owner-only, and the store should get the folder's usual permissions.
        Path temp = folder.resolve(settings.fileName() + ".tmp-" + Long.toHexString(RANDOM.nextLong()));
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                OutputStream out = java.nio.channels.Channels.newOutputStream(channel);
                StoreFile.write(out, settings, d);
                channel.force(true);
            }
            try {
                Files.move(temp, storeFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + storeFile + " atomically on this file system", e);
            }
            moved = true;
            forceDirectory(folder);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Makes the rename durable. Not possible on every platform (e.g. Windows), where it is skipped. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(Level.DEBUG, () -> "cannot fsync directory " + dir + ": " + e);
        }
    }

    /** Deletes temporary files a crashed save of this store left behind. */
    private static void deleteTemporaryFiles(Path dir, String storeName) throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, p -> p.getFileName().toString()
                .startsWith(storeName + ".tmp"))) {
            for (Path p : leftovers) {
                LOG.log(Level.INFO, "deleting " + p + ", left behind by an interrupted store update");
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "cannot delete " + p + ": " + e);
                }
            }
        }
    }

    private String relativePath(Path abs) {
        StringBuilder sb = new StringBuilder();
        for (Path segment : folder.relativize(abs)) {
            if (!sb.isEmpty()) {
                sb.append('/');
            }
            sb.append(segment);
        }
        return sb.toString();
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
