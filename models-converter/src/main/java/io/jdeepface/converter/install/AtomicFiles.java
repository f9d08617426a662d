package io.jdeepface.converter.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers only ever see the old version or the complete new one: the data
 * goes to a hidden {@code .<name>.<random>.partial} file in the same folder, is forced to disk,
 * then renamed over the target in one step. A crash leaves at most a {@code .partial} file, which
 * {@link #deletePartials(Path)} removes on the next run.
 */
public final class AtomicFiles {
    static final String PARTIAL_SUFFIX = ".partial";

    /** Writes the content of a file given its (temporary) path. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temporary) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Runs {@code writer} on a temporary sibling of {@code target}, then makes it {@code target} atomically. */
    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + PARTIAL_SUFFIX);
        boolean done = false;
        try {
            writer.writeTo(tmp);
            if (!Files.isRegularFile(tmp)) {
                throw new IOException("nothing was written for " + target);
            }
            force(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename atomically within " + dir + ": " + e.getMessage(), e);
            }
            forceDirectory(dir);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Copies {@code in} to {@code target} atomically and returns the SHA-256 of the bytes. */
    public static String copy(InputStream in, Path target) throws IOException {
        String[] sha = new String[1];
        write(target, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                sha[0] = Sha256.copy(in, out);
            }
        });
        return sha[0];
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    /** Removes {@code .*.partial} files that an interrupted run left in {@code dir}. */
    public static void deletePartials(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*" + PARTIAL_SUFFIX)) {
            for (Path p : files) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void force(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Makes the rename itself durable; not possible on every platform, where it is skipped. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a channel; the rename is still atomic there.
        }
    }
}
