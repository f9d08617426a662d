package io.jdeepface.converter.tfjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jdeepface.engine.format.ModelFormatException;
import io.jdeepface.engine.graph.GraphValidator;
import io.jdeepface.testdata.TestPackages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files: every outcome is a successful import or a ModelFormatException, never another
 * exception or error. A real model (liveness: 17 kB JSON, 0.6 MB shard) is truncated and
 * bit-flipped with a fixed seed.
 */
class CorruptModelTest {
    private static final int CASES = 100;

    @TempDir
    Path dir;

    @Test
    void damagedModelJson() throws Exception {
        byte[] json = Files.readAllBytes(TestPackages.HUMAN.file("models/liveness.json"));
        Files.copy(TestPackages.HUMAN.file("models/liveness.bin"), dir.resolve("liveness.bin"));
        Random random = new Random(20240611L);
        int failures = 0;
        for (int c = 0; c < CASES; c++) {
            byte[] damaged = c % 2 == 0 ? truncate(json, random) : flip(json, random);
            Path file = dir.resolve("liveness.json");
            Files.write(file, damaged);
            failures += importOrFormatError(file, "model.json case " + c) ? 0 : 1;
        }
        assertTrue(failures > CASES / 2, "most damaged JSON files are rejected: " + failures);
    }

    @Test
    void damagedWeightShard() throws Exception {
        byte[] bin = Files.readAllBytes(TestPackages.HUMAN.file("models/liveness.bin"));
        Files.copy(TestPackages.HUMAN.file("models/liveness.json"), dir.resolve("liveness.json"));
        Random random = new Random(77L);
        int failures = 0;
        for (int c = 0; c < CASES; c++) {
            byte[] damaged = c % 2 == 0 ? truncate(bin, random) : flip(bin, random);
            Files.write(dir.resolve("liveness.bin"), damaged);
            boolean ok = importOrFormatError(dir.resolve("liveness.json"), "shard case " + c);
            // Flipped weights are still weights; a truncated shard always misses some.
            assertEquals(c % 2 == 1, ok, "shard case " + c);
            failures += ok ? 0 : 1;
        }
        assertEquals(CASES / 2, failures);
    }

    /** Damage aimed at structure rather than bytes: each gives a specific message. */
    @Test
    void structuralDamageIsNamed() throws Exception {
        Files.copy(TestPackages.HUMAN.file("models/liveness.bin"), dir.resolve("liveness.bin"));
        String json = Files.readString(TestPackages.HUMAN.file("models/liveness.json"));
        Map<String, String> cases = Map.of(
                "\"op\":\"Softmax\"", "unsupported TF.js op 'Softmaxx' in node",
                "\"name\":\"conv2d_1_input\"", "reads 'conv2d_1_input', but no node has that name",
                "\"format\": \"graph-model\"", "format 'graph-modell' is not supported");
        for (Map.Entry<String, String> e : cases.entrySet()) {
            String original = e.getKey();
            assertTrue(json.contains(original), original);
            String damaged = json.replace(original, original.substring(0, original.length() - 1)
                    + original.charAt(original.length() - 2) + "\"");
            Path file = dir.resolve("liveness.json");
            Files.writeString(file, damaged, StandardCharsets.UTF_8);
            ModelFormatException ex = assertThrows(ModelFormatException.class, () -> TfjsImporter.read(file));
            assertTrue(ex.getMessage().startsWith("liveness.json: "), ex.getMessage());
            assertTrue(ex.getMessage().contains(e.getValue()), ex.getMessage());
        }
    }

    @Test
    void graphErrorsAreNamed() throws Exception {
        List<String> errors = List.of(
                error(new TfjsFixture().placeholder("x", 2).node("a", "Relu", List.of("b"), Map.of())
                        .node("b", "Relu", List.of("a"), Map.of())),
                error(new TfjsFixture().placeholder("x", 2).node("x", "Relu", List.of("x"), Map.of())),
                error(new TfjsFixture().placeholder("x", 2).node("y", "Relu", List.of("x:1"), Map.of())),
                error(new TfjsFixture().placeholder("x", 1, 4, 4, 1).node("y", "Conv2D", List.of("x", "x"), Map.of())),
                error(new TfjsFixture().placeholder("x", 2).node("y", "Const", List.of(), Map.of())),
                error(new TfjsFixture().placeholder("x", 2).node("y", "Erf", List.of("x"), Map.of())));
        assertTrue(errors.get(0).contains("cycle"), errors.get(0));
        assertTrue(errors.get(1).contains("node name 'x' is used twice"), errors.get(1));
        assertTrue(errors.get(2).contains("reads output 1 of 'x'"), errors.get(2));
        assertTrue(errors.get(3).contains("the filter ('x') must be a constant"), errors.get(3));
        assertTrue(errors.get(4).contains("no weights named 'y'"), errors.get(4));
        assertTrue(errors.get(5).contains("unsupported TF.js op 'Erf' in node 'y'"), errors.get(5));
    }

    private String error(TfjsFixture model) throws Exception {
        Path json = model.write(dir, "bad");
        return assertThrows(ModelFormatException.class, () -> TfjsImporter.read(json)).getMessage();
    }

    /** True when the import succeeded (and the graph is valid), false on a ModelFormatException. */
    private static boolean importOrFormatError(Path json, String what) {
        try {
            GraphValidator.validate(TfjsImporter.read(json).graph());
            return true;
        } catch (ModelFormatException expected) {
            return false;
        } catch (Throwable t) {
            fail(what + ": " + t, t);
            return false;
        }
    }

    private static byte[] truncate(byte[] data, Random random) {
        return java.util.Arrays.copyOf(data, random.nextInt(data.length));
    }

    /** Flips one to four random bits. */
    private static byte[] flip(byte[] data, Random random) {
        byte[] out = data.clone();
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++) {
            out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
    }
}
