package io.jdeepface.engine.format;

import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.InvalidGraphException;
import io.jdeepface.engine.graph.ModelMetadata;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32C;

/**
 * Writes a graph and its metadata as a model file (format {@link FormatVersion#CURRENT}, layout in
 * {@code docs/model-format.md}). The graph is checked first ({@code GraphValidator} plus the
 * format's limits), so an invalid graph never produces a file. Output is deterministic: the same
 * graph and metadata always give the same bytes.
 */
public final class ModelWriter {
    private static final System.Logger LOG = System.getLogger(ModelWriter.class.getName());
    private static final int CHUNK = 1 << 20;

    private ModelWriter() {}

    /**
     * Writes the model to {@code target} crash-safely: into a temporary file in the same directory,
     * flushed to disk, then renamed over the target in one atomic step. Readers of {@code target} see
     * either the old file or the complete new one, never a partial file; on failure the temporary
     * file is removed and the old target is untouched.
     *
     * @throws InvalidGraphException when the graph is invalid or exceeds the format's limits
     * @throws IOException when writing fails
     */
    public static void write(Graph graph, ModelMetadata metadata, Path target) throws IOException {
        EncodedModel model = encode(graph, metadata); // validate before touching the file system
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = dir.resolve("." + absolute.getFileName() + "."
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                writeTo(channel, model);
                channel.force(true); // the data must be on disk before the rename makes it visible
            }
            moveIntoPlace(temp, absolute);
        } catch (Throwable t) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                t.addSuppressed(e);
            }
            throw t;
        }
        syncDirectory(dir);
        LOG.log(System.Logger.Level.DEBUG, "wrote {0} ({1} bytes)", absolute, model.fileLength());
    }

    /** Writes the model to a stream, which is left open. */
    public static void write(Graph graph, ModelMetadata metadata, OutputStream out) throws IOException {
        EncodedModel model = encode(graph, metadata);
        WritableByteChannel channel = Channels.newChannel(out);
        // A stream cannot seek back to fill in the header, so the weights are read twice:
        // once for the checksum, once to write them.
        CRC32C crc = new CRC32C();
        streamWeights(model, crc::update);
        writeFully(channel, header(model, structureRegion(model), (int) crc.getValue()).encode());
        writeFully(channel, structureRegion(model));
        streamWeights(model, chunk -> writeFully(channel, chunk));
    }

    /** The model as bytes (for tests and small models). */
    public static byte[] toBytes(Graph graph, ModelMetadata metadata) {
        EncodedModel model = encode(graph, metadata);
        if (model.fileLength() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a model of " + model.fileLength()
                    + " bytes does not fit in a byte array; write it to a file");
        }
        ByteBuffer target = ByteBuffer.allocate((int) model.fileLength());
        try {
            writeTo(new BufferChannel(target), model);
        } catch (IOException e) {
            throw new AssertionError("writing to memory does not fail", e);
        }
        return target.array();
    }

    /** A seekable channel over a byte buffer, so that {@link #toBytes} can share the file writer's code. */
    private static final class BufferChannel implements SeekableByteChannel {
        private final ByteBuffer target;

        BufferChannel(ByteBuffer target) {
            this.target = target;
        }

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            target.put(src);
            return n;
        }

        @Override
        public long position() {
            return target.position();
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            target.position(Math.toIntExact(newPosition));
            return this;
        }

        @Override
        public int read(ByteBuffer dst) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long size() {
            return target.limit();
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }

    private static EncodedModel encode(Graph graph, ModelMetadata metadata) {
        EncodedModel model = StructureEncoder.encode(graph, metadata);
        StorageRules.check(graph);
        return model;
    }

    /** Writes in one pass, then seeks back for the header, which holds the weights' CRC. */
    private static void writeTo(SeekableByteChannel channel, EncodedModel model) throws IOException {
        ByteBuffer structure = structureRegion(model);
        channel.position(ModelFormat.HEADER_SIZE);
        writeFully(channel, structure.duplicate());
        CRC32C crc = new CRC32C();
        streamWeights(model, chunk -> {
            crc.update(chunk.duplicate());
            writeFully(channel, chunk);
        });
        channel.position(0);
        writeFully(channel, header(model, structure, (int) crc.getValue()).encode());
    }

    /** The structure section followed by the zero padding that aligns the weights section. */
    private static ByteBuffer structureRegion(EncodedModel model) {
        int length = (int) (model.weightsOffset() - ModelFormat.HEADER_SIZE);
        return ByteBuffer.wrap(Arrays.copyOf(model.structure(), length));
    }

    private static FileHeader header(EncodedModel model, ByteBuffer structureRegion, int weightsCrc) {
        return new FileHeader(FormatVersion.CURRENT, ModelFormat.HEADER_SIZE, model.fileLength(),
                model.structure().length, model.weightsOffset(), model.weightsLength(),
                Checksums.crc32c(structureRegion), weightsCrc);
    }

    private interface ChunkSink {
        void accept(ByteBuffer chunk) throws IOException;
    }

    /** Feeds the weights section to {@code sink}: each tensor's data, with zero padding before it. */
    private static void streamWeights(EncodedModel model, ChunkSink sink) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate(ModelFormat.ALIGNMENT);
        long largest = model.tensors().stream().mapToLong(t -> t.data().byteSize()).max().orElse(0);
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK, largest));
        MemorySegment bufferSegment = MemorySegment.ofBuffer(buffer);
        long position = 0;
        for (PlacedTensor t : model.tensors()) {
            sink.accept(zeros.slice(0, (int) (t.offset() - position)));
            MemorySegment data = t.data();
            long size = data.byteSize();
            for (long at = 0; at < size; at += CHUNK) {
                int n = (int) Math.min(CHUNK, size - at);
                // Copying through one buffer handles every kind of segment: heap, native or mapped.
                MemorySegment.copy(data, at, bufferSegment, 0, n);
                sink.accept(buffer.clear().limit(n));
            }
            position = t.end();
        }
        sink.accept(zeros.slice(0, (int) (model.weightsLength() - position)));
    }

    private static void writeFully(WritableByteChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // Some file systems cannot rename atomically; a plain replace is the best they offer.
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the rename itself durable. Best effort: not every platform can open a directory. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot sync directory {0}: {1}", dir, e.toString());
        }
    }
}
