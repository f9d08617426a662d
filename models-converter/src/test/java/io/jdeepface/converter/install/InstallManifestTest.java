package io.jdeepface.converter.install;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class InstallManifestTest {
    @TempDir
    Path dir;

    @Test
    void roundTrips() throws IOException {
        InstallManifest m = new InstallManifest();
        var model = new InstallManifest.ModelRecord(List.of("a".repeat(64), "b".repeat(64)),
                new ConverterVersion("0.1.0-SNAPSHOT", 3), 1234, "c".repeat(64));
        m.putModel("faceres", model);
        m.putSample("sample1.jpg", new InstallManifest.SampleRecord("d".repeat(64), 99));
        Path file = dir.resolve("manifest.properties");
        m.write(file);
        InstallManifest back = InstallManifest.read(file);
        assertEquals(model, back.model("faceres"));
        assertEquals(new InstallManifest.SampleRecord("d".repeat(64), 99), back.sample("sample1.jpg"));
        assertNull(back.model("iris"));
    }

    @Test
    void aDamagedOrMissingManifestReadsAsEmpty() throws IOException {
        Path file = dir.resolve("manifest.properties");
        assertNull(InstallManifest.read(file).model("x"));
        Files.writeString(file, "manifest.version=1\nmodel.x.sources=aa\nmodel.x.format=notanumber\n");
        assertNull(InstallManifest.read(file).model("x"));
        Files.writeString(file, "manifest.version=1\nmodel.x.sources=aa\n"); // converter/format missing
        assertNull(InstallManifest.read(file).model("x"));
        Files.writeString(file, "manifest.version=99\n");
        assertNull(InstallManifest.read(file).model("x"));
    }
}
