package io.jdeepface.converter.install;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheTargetOnlyWhenTheWriterSucceeds() throws IOException {
        Path target = dir.resolve("m.jdm");
        AtomicFiles.writeString(target, "old");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, tmp -> {
            Files.writeString(tmp, "half of the ne");
            throw new IOException("killed");
        }));
        assertEquals("old", Files.readString(target));
        AtomicFiles.writeString(target, "new");
        assertEquals("new", Files.readString(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary files remain");
        }
    }

    @Test
    void aWriterThatWritesNothingIsAnError() {
        assertThrows(IOException.class, () -> AtomicFiles.write(dir.resolve("x"), tmp -> { }));
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void deletesOnlyPartialFiles() throws IOException {
        Files.writeString(dir.resolve(".a.jdm.77.partial"), "x");
        Files.writeString(dir.resolve("a.jdm"), "x");
        Files.writeString(dir.resolve("notes.partial"), "x"); // not hidden: not ours
        AtomicFiles.deletePartials(dir);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(java.util.Set.of("a.jdm", "notes.partial"),
                    files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
    }
}
