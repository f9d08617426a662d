package io.jdeepface.engine.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.engine.graph.Attribute;
import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.graph.InvalidGraphException;
import io.jdeepface.engine.graph.ModelMetadata;
import io.jdeepface.engine.graph.Node;
import io.jdeepface.engine.graph.ValueInfo;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelWriterTest {
    @TempDir
    Path dir;

    private List<Path> filesIn(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.sorted().toList();
        }
    }

    /** A graph that passes validation but whose last weights become unreadable mid-write. */
    private static Graph graphFailingMidWrite(Arena closedLater) {
        Graph base = TestGraphs.realistic();
        Map<String, Initializer> inits = new LinkedHashMap<>(base.initializers());
        MemorySegment doomed = closedLater.allocate(256 * 4);
        inits.put("fc.bias", new Initializer("fc.bias", DataType.FLOAT32, Shape.of(256), doomed));
        return base.withInitializers(inits);
    }

    /** Like {@link TestGraphs#realistic()} with different weights. */
    private static Graph otherGraph() {
        Graph base = TestGraphs.realistic();
        Map<String, Initializer> inits = new LinkedHashMap<>(base.initializers());
        inits.put("fc.weight", TestGraphs.floats(new Random(7), "fc.weight", 256, 256));
        return base.withInitializers(inits);
    }

    @Test
    void anInvalidGraphLeavesNoFile() throws Exception {
        Graph g = TestGraphs.realistic();
        Graph dangling = g.withOutputs(List.of(new ValueInfo("nowhere", DataType.FLOAT32, Shape.of(1))));
        Path target = dir.resolve("m.jdm");
        InvalidGraphException e = assertThrows(InvalidGraphException.class,
                () -> ModelWriter.write(dangling, TestGraphs.METADATA, target));
        assertTrue(e.getMessage().contains("'nowhere' is never computed"), e.getMessage());
        assertEquals(List.of(), filesIn(dir));
    }

    @Test
    void aFailureMidWriteLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path target = dir.resolve("m.jdm");
        ModelWriter.write(TestGraphs.realistic(), TestGraphs.METADATA, target);
        byte[] before = Files.readAllBytes(target);

        Arena arena = Arena.ofConfined();
        Graph failing = graphFailingMidWrite(arena);
        arena.close();
        assertThrows(IllegalStateException.class, () -> ModelWriter.write(failing, TestGraphs.METADATA, target));

        assertEquals(List.of(target), filesIn(dir), "no temporary file is left");
        assertArrayEquals(before, Files.readAllBytes(target), "the old file is untouched");
        try (ModelFile f = ModelFile.open(target)) {
            TestGraphs.assertSameGraph(TestGraphs.realistic(), f.graph());
        }
    }

    @Test
    void aFailedMoveLeavesNoTemporaryFile() throws Exception {
        // The target is a non-empty directory: the final rename fails after the data were written.
        Path target = dir.resolve("m.jdm");
        Files.createDirectory(target);
        Files.writeString(target.resolve("keep.txt"), "x");
        assertThrows(IOException.class, () -> ModelWriter.write(TestGraphs.realistic(), TestGraphs.METADATA, target));
        assertEquals(List.of(target), filesIn(dir));
        assertEquals(List.of(target.resolve("keep.txt")), filesIn(target));
    }

    @Test
    void aMissingDirectoryIsAnIoError() {
        Path target = dir.resolve("absent").resolve("m.jdm");
        assertThrows(NoSuchFileException.class,
                () -> ModelWriter.write(TestGraphs.realistic(), TestGraphs.METADATA, target));
        assertTrue(Files.notExists(target.getParent()));
    }

    @Test
    void overwritingReplacesTheFileWholeEvenWhileTheOldOneIsMapped() throws Exception {
        Path target = dir.resolve("m.jdm");
        ModelWriter.write(TestGraphs.realistic(), TestGraphs.METADATA, target);
        try (ModelFile old = ModelFile.open(target)) {
            ModelWriter.write(otherGraph(), TestGraphs.METADATA, target);
            // The rename gave the path a new file; the old mapping still sees the old bytes.
            TestGraphs.assertSameGraph(TestGraphs.realistic(), old.graph());
            try (ModelFile fresh = ModelFile.open(target)) {
                TestGraphs.assertSameGraph(otherGraph(), fresh.graph());
            }
        }
        assertEquals(List.of(target), filesIn(dir));
    }

    @Test
    void writesWeightsFromAMappedModel() throws Exception {
        // Re-saving a loaded model streams its mapped weights into the new file.
        Path first = dir.resolve("a.jdm");
        Path second = dir.resolve("b.jdm");
        ModelWriter.write(TestGraphs.realistic(), TestGraphs.METADATA, first);
        try (ModelFile f = ModelFile.open(first)) {
            ModelWriter.write(f.graph(), f.metadata(), second);
        }
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    @Test
    void stringsThatUtf8CannotHoldAreRejected() {
        Graph g = TestGraphs.realistic();
        Graph bad = g.withOutputs(List.of(new ValueInfo("emb\uD800", DataType.FLOAT32, Shape.of(1))));
        InvalidGraphException e = assertThrows(InvalidGraphException.class,
                () -> ModelWriter.toBytes(bad, TestGraphs.METADATA));
        assertTrue(e.getMessage().contains("unpaired surrogate") && e.getMessage().contains("graph output #0"),
                e.getMessage());
    }

    @Test
    void theFormatsLimitsAreEnforcedOnWrite() {
        Graph g = TestGraphs.realistic();
        ModelMetadata longValue = new ModelMetadata("x".repeat(FormatLimits.MAX_STRING_BYTES + 1), "", "", "", Map.of());
        InvalidGraphException e = assertThrows(InvalidGraphException.class, () -> ModelWriter.toBytes(g, longValue));
        assertTrue(e.getMessage().contains("source name is 65537 UTF-8 bytes"), e.getMessage());

        Node huge = new Node("n", "Op", List.of("image"), List.of("z"),
                Map.of("big", new Attribute.Ints(new long[FormatLimits.MAX_ATTRIBUTE_ELEMENTS + 1])));
        Graph withHuge = g.withNodes(Stream.concat(g.nodes().stream(), Stream.of(huge)).toList());
        e = assertThrows(InvalidGraphException.class, () -> ModelWriter.toBytes(withHuge, TestGraphs.METADATA));
        assertTrue(e.getMessage().contains("node #9 'n', attribute 'big'") && e.getMessage().contains("ints"),
                e.getMessage());
    }

    @Test
    void mapKeysMustBeTheElementsNames() {
        Graph g = TestGraphs.realistic();
        Map<String, Initializer> inits = new LinkedHashMap<>(g.initializers());
        inits.put("alias", g.initializers().get("fc.bias"));
        InvalidGraphException e = assertThrows(InvalidGraphException.class,
                () -> ModelWriter.toBytes(g.withInitializers(inits), TestGraphs.METADATA));
        assertTrue(e.getMessage().contains("'alias'"), e.getMessage());
    }

    @Test
    void missingMetadataIsRejected() {
        assertThrows(InvalidGraphException.class, () -> ModelWriter.toBytes(TestGraphs.realistic(), null));
    }
}
