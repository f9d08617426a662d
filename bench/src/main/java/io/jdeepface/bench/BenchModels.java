package io.jdeepface.bench;

import io.jdeepface.converter.ModelConverter;
import io.jdeepface.testdata.TestPackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;

/**
 * The benchmarked models: each ONNX file from its pinned npm package (fetched and verified by
 * {@link TestPackages}) and our conversion of it, made once per machine under
 * {@code bench/target/models} so that every JMH fork reuses it ({@code run-benchmarks.sh} empties
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

    /** Our converted model of {@code name}, converting it (atomically, so concurrent forks are safe) if needed. */
    static Path jdm(String name) throws IOException {
        Path dir = TestPackages.repoRoot().resolve("bench/target/models");
        Files.createDirectories(dir);
        Path target = dir.resolve(name + ".jdm");
        Path onnx = onnx(name);
        if (Files.exists(target)) {
            return target;
        }
        Path tmp = Files.createTempFile(dir, name, ".tmp");
        ModelConverter.write(ModelConverter.convert(onnx), tmp);
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
