package io.jdeepface.converter.install;

import io.jdeepface.testdata.TestPackages;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pins in the standard catalog agree with the real packages in the test cache. */
class ModelCatalogTest {
    private static final Map<NpmPackage, TestPackages> PACKAGES = Map.of(
            ModelCatalog.FACEPLUGIN, TestPackages.FACEPLUGIN,
            ModelCatalog.BLAZEFACE, TestPackages.BLAZEFACE,
            ModelCatalog.HUMAN, TestPackages.HUMAN,
            ModelCatalog.FACE_API, TestPackages.FACE_API);

    @Test
    void namesTheModelsTheProjectUses() {
        assertEquals(List.of("ultraface-rfb-320", "landmark68", "arcface-512", "minifasnet", "age", "gender",
                        "emotion", "headpose", "eye-state", "blazeface-front", "blazeface-back", "faceres",
                        "human-emotion", "antispoof", "liveness", "facemesh", "iris"),
                ModelCatalog.standard().models().stream().map(CatalogModel::name).toList());
        assertEquals(6, ModelCatalog.standard().samples().size());
        assertEquals(List.of(ModelCatalog.FACEPLUGIN, ModelCatalog.BLAZEFACE, ModelCatalog.HUMAN, ModelCatalog.FACE_API),
                ModelCatalog.standard().packages());
    }

    @Test
    void tarballPinsMatchTheTestPackages() {
        PACKAGES.forEach((pkg, test) -> {
            assertEquals(test.spec(), pkg.spec());
            assertEquals(test.sha256(), pkg.tarballSha256());
        });
    }

    @Test
    void everyPinnedFileHasItsDigest() throws IOException {
        ModelCatalog c = ModelCatalog.standard();
        for (CatalogModel m : c.models()) {
            Path root = PACKAGES.get(m.npmPackage()).root();
            for (PinnedFile f : m.files()) {
                assertEquals(f.sha256(), Sha256.of(root.resolve(f.path())), m.name() + ": " + f.path());
            }
        }
        Path faceApi = TestPackages.FACE_API.root();
        for (PinnedFile s : c.samples()) {
            assertEquals(s.sha256(), Sha256.of(faceApi.resolve(s.path())), s.path());
        }
    }

    /** The shards pinned for a TF.js model are exactly those its model.json names. */
    @Test
    void tfjsShardsAreTheOnesModelJsonNames() throws IOException {
        Pattern paths = Pattern.compile("\"paths\"\\s*:\\s*\\[([^\\]]*)]");
        for (CatalogModel m : ModelCatalog.standard().models()) {
            if (m.format() != SourceFormat.TFJS) {
                continue;
            }
            String json = Files.readString(TestPackages.HUMAN.root().resolve(m.source().path()));
            Matcher matcher = paths.matcher(json);
            StringBuilder named = new StringBuilder();
            while (matcher.find()) {
                named.append(matcher.group(1));
            }
            String dir = m.source().path().substring(0, m.source().path().lastIndexOf('/') + 1);
            List<String> shards = Pattern.compile("\"([^\"]+)\"").matcher(named).results()
                    .map(r -> dir + r.group(1)).toList();
            assertEquals(shards, m.weights().stream().map(PinnedFile::path).toList(), m.name());
        }
    }

    @Test
    void unknownNamesAreUsageErrors() {
        InstallException e = assertThrows(InstallException.class, () -> ModelCatalog.standard().require("arcface"));
        assertEquals(InstallException.Category.USAGE, e.category());
        assertTrue(e.getMessage().contains("arcface-512"));
        assertTrue(ModelCatalog.standard().find("iris").isPresent());
    }

    @Test
    void rejectsInconsistentCatalogs() {
        NpmPackage p = new NpmPackage("x", "1", "0".repeat(64), "MIT");
        CatalogModel m = new CatalogModel("a", "d", p, SourceFormat.ONNX, new PinnedFile("a.onnx", "1".repeat(64)), List.of());
        assertThrows(IllegalArgumentException.class, () -> new ModelCatalog(List.of(m, m), p, List.of()));
        CatalogModel bad = new CatalogModel("Bad Name", "d", p, SourceFormat.ONNX, m.source(), List.of());
        assertThrows(IllegalArgumentException.class, () -> new ModelCatalog(List.of(bad), p, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new PinnedFile("../x", "1".repeat(64)));
        assertThrows(IllegalArgumentException.class, () -> new PinnedFile("x", "ABC"));
        assertEquals("vladmandic_human-3.3.6.tgz", ModelCatalog.HUMAN.cacheFileName());
        assertEquals("vladmandic-human-3.3.6.tgz", ModelCatalog.HUMAN.npmFileName());
    }
}
