package io.jdeepface.engine.format;

import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.ModelMetadata;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A model file, read and fully verified: header, checksums of every byte, and the structure of the
 * graph. The weights are not copied: each initializer's {@code data} is a read-only slice of the
 * file's bytes, which for {@link #open(Path)} are memory-mapped, so loading a model costs little
 * heap and the operating system shares the pages between processes.
 *
 * <p>A file opened with {@link #open(Path)} is mapped in a shared arena: the graph may be used from
 * any thread. {@link #close()} unmaps the file; afterwards the initializer segments of the graph are
 * invalid (accessing them throws {@link IllegalStateException}) and {@link #graph()} refuses to
 * answer. Close only when no thread uses the model any more.
 *
 * <p>The file must not be modified in place while open (a truncated mapping crashes reads with an
 * {@link InternalError}); {@link ModelWriter} never does that, it replaces files by renaming.
 */
public final class ModelFile implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ModelFile.class.getName());

    private final String source;
    private final FormatVersion formatVersion;
    private final ModelMetadata metadata;
    private final Graph graph;
    private final long byteSize;
    private final Arena arena; // null when the caller owns the memory
    private final AtomicBoolean closed = new AtomicBoolean();

    private ModelFile(String source, FormatVersion formatVersion, ModelMetadata metadata, Graph graph,
                      long byteSize, Arena arena) {
        this.source = source;
        this.formatVersion = formatVersion;
        this.metadata = metadata;
        this.graph = graph;
        this.byteSize = byteSize;
        this.arena = arena;
    }

    /**
     * Maps and verifies a model file.
     *
     * @throws ModelFormatException when the file is not a valid model file (the message names the
     *     byte offset and element at fault); {@link UnsupportedFormatVersionException} when it was
     *     written in a format version this code cannot read
     * @throws IOException when the file cannot be read at all
     */
    public static ModelFile open(Path path) throws IOException {
        String source = path.toString();
        if (!Files.isRegularFile(path) && Files.exists(path)) {
            throw new FileSystemException(source, null, "not a regular file");
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            FileHeader.checkSize(size, source); // mapping an empty file would only hide the real problem
            Arena arena = Arena.ofShared();
            try {
                MemorySegment file = channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
                ModelFile model = decode(file, source, arena);
                LOG.log(System.Logger.Level.DEBUG, "opened {0}: format {1}, {2} nodes, {3} initializers, {4} bytes",
                        source, model.formatVersion, model.graph.nodes().size(), model.graph.initializers().size(),
                        size);
                return model;
            } catch (Throwable t) {
                arena.close();
                throw t;
            }
        }
    }

    /**
     * Verifies a model held in memory. Initializer data are slices of a read-only view of
     * {@code bytes}; the caller keeps the segment alive, and {@link #close()} does not free it.
     */
    public static ModelFile read(MemorySegment bytes) throws ModelFormatException {
        return decode(bytes.asReadOnly(), "model in memory", null);
    }

    /** Verifies a model held in a byte array (for tests and small tools); the array is not copied. */
    public static ModelFile read(byte[] bytes) throws ModelFormatException {
        return read(MemorySegment.ofArray(bytes));
    }

    private static ModelFile decode(MemorySegment file, String source, Arena arena) throws ModelFormatException {
        FileHeader header = FileHeader.read(file, source);
        // Checksums first: a corrupt file is reported as corrupt, not as whatever its damage looks like.
        // The structure is still checked in full afterwards, since a hostile file can carry valid CRCs.
        header.verifySections(file, source);
        StructureDecoder.Decoded decoded = StructureDecoder.decode(file, header, source);
        return new ModelFile(source, header.version(), decoded.metadata(), decoded.graph(), file.byteSize(), arena);
    }

    /** The graph; its initializer data live in this file's memory and are valid until {@link #close()}. */
    public Graph graph() {
        requireOpen();
        return graph;
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    /** The version the file was written in (same major as {@link FormatVersion#CURRENT}). */
    public FormatVersion formatVersion() {
        return formatVersion;
    }

    /** Size of the whole file in bytes. */
    public long byteSize() {
        return byteSize;
    }

    /** Unmaps the file (for {@link #open(Path)}); the graph's initializer data become invalid. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && arena != null) {
            arena.close();
        }
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException(source + " is closed; its weights are no longer mapped");
        }
    }

    @Override
    public String toString() {
        return "ModelFile[" + source + ", format " + formatVersion + (closed.get() ? ", closed]" : "]");
    }
}
