package io.jdeepface.engine.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VersionTest {
    private static byte[] validStructure() {
        byte[] file = ModelWriter.toBytes(TestGraphs.realistic(), TestGraphs.METADATA);
        long structureLength = CraftedFile.getLong(file, ModelFormat.STRUCTURE_LENGTH_AT);
        return Arrays.copyOfRange(file, ModelFormat.HEADER_SIZE, ModelFormat.HEADER_SIZE + (int) structureLength);
    }

    private static byte[] validWeights() {
        byte[] file = ModelWriter.toBytes(TestGraphs.realistic(), TestGraphs.METADATA);
        return Arrays.copyOfRange(file, (int) CraftedFile.getLong(file, ModelFormat.WEIGHTS_OFFSET_AT), file.length);
    }

    @Test
    void aNewerMajorVersionIsRejectedNamingBothVersions() {
        byte[] file = CraftedFile.assemble(new FormatVersion(2, 3), ModelFormat.HEADER_SIZE,
                validStructure(), validWeights());
        UnsupportedFormatVersionException e =
                assertThrows(UnsupportedFormatVersionException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().contains("2.3") && e.getMessage().contains("1.0")
                && e.getMessage().contains("newer jdeepface"), e.getMessage());
        assertEquals(new FormatVersion(2, 3), e.fileVersion());
        assertEquals(FormatVersion.CURRENT, e.supportedVersion());
    }

    @Test
    void theVersionIsCheckedBeforeTheRestOfTheHeader() {
        // A future major version may change everything after the version field.
        byte[] file = new byte[200];
        System.arraycopy(ModelFormat.MAGIC, 0, file, 0, 8);
        file[ModelFormat.MAJOR_AT] = 7;
        UnsupportedFormatVersionException e =
                assertThrows(UnsupportedFormatVersionException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().contains("7.0"), e.getMessage());
    }

    @Test
    void majorVersionZeroIsNotAFormat() {
        byte[] file = CraftedFile.assemble(new FormatVersion(0, 9), ModelFormat.HEADER_SIZE,
                validStructure(), validWeights());
        assertThrows(UnsupportedFormatVersionException.class, () -> ModelFile.read(file));
    }

    @Test
    void aNewerMinorVersionWithALongerHeaderAndAppendedFieldsIsRead() throws Exception {
        byte[] structure = validStructure();
        byte[] extended = Arrays.copyOf(structure, structure.length + 12); // fields a 1.1 might append
        byte[] file = CraftedFile.assemble(new FormatVersion(1, 1), 128, extended, validWeights());
        try (ModelFile model = ModelFile.read(file)) {
            assertEquals(new FormatVersion(1, 1), model.formatVersion());
            TestGraphs.assertSameGraph(TestGraphs.realistic(), model.graph());
        }
    }

    @Test
    void theCurrentMinorVersionMustNotHaveUnknownFields() {
        byte[] structure = validStructure();
        byte[] file = CraftedFile.assemble(Arrays.copyOf(structure, structure.length + 12), validWeights());
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().contains("12 unexpected bytes"), e.getMessage());
        byte[] longHeader = CraftedFile.assemble(FormatVersion.CURRENT, 128, structure, validWeights());
        e = assertThrows(ModelFormatException.class, () -> ModelFile.read(longHeader));
        assertTrue(e.getMessage().contains("header length 128"), e.getMessage());
    }

    @Test
    void versionToString() {
        assertEquals("1.0", FormatVersion.CURRENT.toString());
        assertThrows(IllegalArgumentException.class, () -> new FormatVersion(70000, 0));
    }
}
