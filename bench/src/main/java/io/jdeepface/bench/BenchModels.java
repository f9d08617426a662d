package io.jdeepface.bench;

import io.jdeepface.converter.ModelConverter;
import io.jdeepface.engine.format.ModelHome;
import io.jdeepface.testdata.TestPackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;

/**
 * The benchmarked models: each ONNX file from its pinned npm package (fetched and verified by
 * {@link TestPackages}) and our conversion of it, made once per machine under
 * {@code bench/target/home/models} so that every JMH fork reuses it ({@code run-benchmarks.sh} empties
 * that folder first, so a run always measures the current converter).
 */
final class BenchModels {
    private BenchModels() {}

    /** The ONNX file of a benchmark model name (fr_detect, fr_feature, ..., blazeface-back). */
    static Path onnx(String name) throws IOException {
        return switch (name) {
            case "blazeface-back" -> TestPackages.BLAZEFACE.file("ONNX/face_detection_back_256x256_barracuda.onnx");
            case "blazeface-front" -> TestPackages.BLAZEFACE.file("ONNX/face_detection_front_128x128_barracuda.onnx");
            default -> {
                if (!name.matches("fr_[a-z]+")) {
                    throw new IllegalArgumentException("unknown benchmark model " + name);
                }
                yield TestPackages.FACEPLUGIN.file("model/" + name + ".onnx");
            }
        };
    }

    /** The model home the benchmarks convert into: {@code bench/target/home}. */
    static ModelHome home() {
        return ModelHome.at(TestPackages.repoRoot().resolve("bench/target/home"));
    }

    /** The name the model installer gives the conversion of {@code name} (see ModelCatalog). */
    static String installedName(String name) {
        return switch (name) {
            case "fr_detect" -> "ultraface-rfb-320";
            case "fr_feature" -> "arcface-512";
            case "fr_liveness" -> "minifasnet";
            case "fr_landmark" -> "landmark68";
            case "fr_expression" -> "emotion";
            default -> name;
        };
    }

    /** Our converted model of {@code name}, converting it (atomically, so concurrent forks are safe) if needed. */
    static Path jdm(String name) throws IOException {
        Path dir = home().models();
        Files.createDirectories(dir);
        Path target = dir.resolve(installedName(name) + ModelHome.MODEL_EXTENSION);
        if (Files.exists(target)) {
            return target;
        }
        Path tmp = Files.createTempFile(dir, name, ".tmp");
        ModelConverter.write(ModelConverter.convert(onnx(name)), tmp);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** {@code n} uniform values in [-1, 1) from a fixed seed: the same input for every engine and run. */
    static float[] randomInput(int n, long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextFloat() * 2 - 1;
        }
        return x;
    }
}
