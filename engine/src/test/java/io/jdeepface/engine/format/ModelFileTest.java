package io.jdeepface.engine.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.Initializer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path dir;

    @Test
    void openMapsTheFileAndGivesTheSameModel() throws Exception {
        Graph graph = TestGraphs.realistic();
        Path path = dir.resolve("tiny" + ModelFormat.FILE_EXTENSION);
        ModelWriter.write(graph, TestGraphs.METADATA, path);
        try (ModelFile file = ModelFile.open(path)) {
            TestGraphs.assertSameGraph(graph, file.graph());
            assertEquals(TestGraphs.METADATA, file.metadata());
            assertEquals(FormatVersion.CURRENT, file.formatVersion());
            assertEquals(Files.size(path), file.byteSize());
            Initializer fc = file.graph().initializers().get("fc.weight");
            assertTrue(fc.data().isNative() && fc.data().isReadOnly(), "weights are read-only mapped memory");
            assertEquals(graph.initializers().get("fc.weight").toFloatArray()[1000], fc.toFloatArray()[1000]);
        }
    }

    @Test
    void everyTensorOfAMappedFileIs64ByteAligned() throws Exception {
        Path path = dir.resolve("m.jdm");
        ModelWriter.write(TestGraphs.realistic(), TestGraphs.METADATA, path);
        try (ModelFile file = ModelFile.open(path)) {
            for (Initializer t : TestGraphs.allTensors(file.graph())) {
                assertEquals(0, t.data().address() % ModelFormat.ALIGNMENT, t.name() + " at " + t.data().address());
            }
        }
    }

    @Test
    void bytesAndStreamWritersProduceTheSameFile() throws Exception {
        Path path = dir.resolve("m.jdm");
        ModelWriter.write(TestGraphs.realistic(), TestGraphs.METADATA, path);
        byte[] bytes = ModelWriter.toBytes(TestGraphs.realistic(), TestGraphs.METADATA);
        assertEquals(-1, java.util.Arrays.mismatch(Files.readAllBytes(path), bytes));
    }

    @Test
    void closingUnmapsTheWeights() throws Exception {
        Path path = dir.resolve("m.jdm");
        ModelWriter.write(TestGraphs.realistic(), TestGraphs.METADATA, path);
        ModelFile file = ModelFile.open(path);
        Initializer w = file.graph().initializers().get("conv1.weight");
        file.close();
        file.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> w.data().get(ValueLayout.JAVA_BYTE, 0));
        assertThrows(IllegalStateException.class, file::graph);
        assertEquals(TestGraphs.METADATA, file.metadata(), "metadata is plain heap data");
    }

    @Test
    void weightsAreUsableFromOtherThreads() throws Exception {
        Path path = dir.resolve("m.jdm");
        ModelWriter.write(TestGraphs.realistic(), TestGraphs.METADATA, path);
        try (ModelFile file = ModelFile.open(path)) {
            Initializer w = file.graph().initializers().get("fc.weight");
            float[] here = w.toFloatArray();
            float[] there = CompletableFuture.supplyAsync(w::toFloatArray).get();
            assertEquals(-1, java.util.Arrays.mismatch(here, there));
        }
    }

    @Test
    void readsFromANativeSegment() throws Exception {
        byte[] bytes = ModelWriter.toBytes(TestGraphs.realistic(), TestGraphs.METADATA);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(bytes.length, ModelFormat.ALIGNMENT);
            MemorySegment.copy(bytes, 0, seg, ValueLayout.JAVA_BYTE, 0, bytes.length);
            try (ModelFile file = ModelFile.read(seg)) {
                TestGraphs.assertSameGraph(TestGraphs.realistic(), file.graph());
                for (Initializer t : TestGraphs.allTensors(file.graph())) {
                    assertEquals(0, t.data().address() % ModelFormat.ALIGNMENT, t.name());
                }
            }
        }
    }

    @Test
    void emptyAndTinyFilesAreRejectedBeforeMapping() throws Exception {
        Path empty = Files.write(dir.resolve("empty.jdm"), new byte[0]);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.open(empty));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        Path tiny = Files.write(dir.resolve("tiny.jdm"), ModelFormat.magic());
        e = assertThrows(ModelFormatException.class, () -> ModelFile.open(tiny));
        assertTrue(e.getMessage().contains("8 bytes") && e.getMessage().contains(tiny.toString()), e.getMessage());
    }

    @Test
    void aSourceModelIsNotMistakenForAConvertedOne() throws Exception {
        Path json = Files.writeString(dir.resolve("model.json"),
                "{\"format\": \"graph-model\", \"modelTopology\": {\"node\": []}, \"weightsManifest\": []}");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.open(json));
        assertTrue(e.getMessage().contains("not a jdeepface model file") && e.getMessage().contains("converted"),
                e.getMessage());
        byte[] text = "x".repeat(100).getBytes(StandardCharsets.US_ASCII);
        assertThrows(ModelFormatException.class, () -> ModelFile.read(text));
    }

    @Test
    void missingFilesAndDirectoriesAreIoErrors() {
        assertThrows(NoSuchFileException.class, () -> ModelFile.open(dir.resolve("absent.jdm")));
        assertThrows(FileSystemException.class, () -> ModelFile.open(dir));
    }
}
