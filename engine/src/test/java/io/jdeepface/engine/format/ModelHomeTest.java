package io.jdeepface.engine.format;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelHomeTest {
    @Test
    void explicitPathBeatsEnvironmentBeatsUserHome() {
        Map<String, String> env = Map.of(ModelHome.ENV, "/srv/jdf");
        assertEquals(Path.of("/opt/m"), ModelHome.resolve(Path.of("/opt/m"), env, "/home/u").root());
        assertEquals(Path.of("/srv/jdf"), ModelHome.resolve(null, env, "/home/u").root());
        assertEquals(Path.of("/home/u/.jdeepface"), ModelHome.resolve(null, Map.of(), "/home/u").root());
        assertEquals(Path.of("/home/u/.jdeepface"),
                ModelHome.resolve(null, Map.of(ModelHome.ENV, "  "), "/home/u").root());
        assertEquals(Path.of("/home/u/x"), ModelHome.resolve(null, Map.of(ModelHome.ENV, "~/x"), "/home/u").root());
    }

    @Test
    void layout() {
        ModelHome h = ModelHome.at(Path.of("/data/jdf"));
        assertEquals(Path.of("/data/jdf/models"), h.models());
        assertEquals(Path.of("/data/jdf/samples"), h.samples());
        assertEquals(Path.of("/data/jdf/cache"), h.cache());
        assertEquals(Path.of("/data/jdf/models/arcface-512.jdm"), h.modelFile("arcface-512"));
    }

    @Test
    void modelNamesCannotEscapeTheModelsFolder() {
        for (String bad : new String[] {"../x", "a/b", "", "A", "-a", "a-", "a.b", "a b"}) {
            assertFalse(ModelHome.isValidName(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> ModelHome.at(Path.of("/h")).modelFile(bad));
        }
        assertTrue(ModelHome.isValidName("ultraface-rfb-320"));
        assertTrue(ModelHome.isValidName("a"));
    }

    @Test
    void requireModelTellsHowToInstall(@TempDir Path dir) throws IOException {
        ModelHome h = ModelHome.at(dir);
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> h.requireModel("iris"));
        assertTrue(e.getMessage().contains("models install iris"), e.getMessage());
        Files.createDirectories(h.models());
        Files.write(h.modelFile("iris"), new byte[] {1});
        assertEquals(h.modelFile("iris"), h.requireModel("iris"));
        assertTrue(h.isInstalled("iris"));
    }
}
