package io.jdeepface.converter.onnx;

import io.jdeepface.converter.protobuf.ProtoReader;
import io.jdeepface.engine.format.ModelFormatException;
import io.jdeepface.engine.graph.GraphValidator;
import io.jdeepface.engine.graph.InvalidGraphException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads an ONNX model file ({@code .onnx}, a protobuf {@code ModelProto}) into our graph IR.
 *
 * <p>The result is the graph as the file states it: ONNX operators with their attributes,
 * {@code Constant} nodes still present (a later pass folds them into initializers), weights copied
 * into little-endian heap memory. The graph is checked with {@link GraphValidator}. Anything the
 * engine cannot represent (external data files, vendor operator domains, subgraph attributes, data
 * types such as DOUBLE) is reported as a {@link ModelFormatException} naming the file and element.
 */
public final class OnnxImporter {
    private static final System.Logger LOG = System.getLogger(OnnxImporter.class.getName());
    /** Protobuf messages cannot exceed 2 GiB, so neither can a valid ONNX file without external data. */
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE;

    private OnnxImporter() {}

    /** Reads a model file. The file is mapped only while decoding; the result holds no reference to it. */
    public static OnnxModel read(Path file) throws IOException {
        String source = String.valueOf(file.getFileName());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
             Arena arena = Arena.ofConfined()) {
            long size = ch.size();
            if (size > MAX_FILE_BYTES) {
                throw new ModelFormatException(source + ": " + size
                        + " bytes is larger than any ONNX file without external data (2 GiB)");
            }
            MemorySegment data = size == 0 ? MemorySegment.ofArray(new byte[0])
                    : ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            return read(data, source);
        }
    }

    /** Reads a model held in memory; {@code sourceName} names it in error messages. */
    public static OnnxModel read(byte[] bytes, String sourceName) throws ModelFormatException {
        return read(MemorySegment.ofArray(bytes), sourceName);
    }

    /**
     * Reads a model from a memory segment; {@code sourceName} names it in error messages. The result
     * copies what it keeps, so the segment may be released afterwards.
     */
    public static OnnxModel read(MemorySegment data, String sourceName) throws ModelFormatException {
        OnnxModel model;
        try {
            model = ModelDecoder.decode(ProtoReader.of(data, "ONNX ModelProto"));
        } catch (ModelFormatException e) {
            throw new ModelFormatException(sourceName + ": " + e.getMessage(), e);
        }
        try {
            GraphValidator.validate(model.graph());
        } catch (InvalidGraphException e) {
            throw new ModelFormatException(sourceName + ": invalid graph: " + e.getMessage(), e);
        }
        LOG.log(System.Logger.Level.DEBUG, () -> sourceName + ": ONNX IR " + model.irVersion() + ", opsets "
                + model.opsets() + ", " + model.graph().nodes().size() + " nodes, "
                + model.graph().initializers().size() + " initializers, producer " + model.producer());
        return model;
    }

    /** The empty domain and "ai.onnx" both name ONNX's own operator set. */
    static boolean isDefaultDomain(String domain) {
        return domain.isEmpty() || domain.equals("ai.onnx");
    }
}
