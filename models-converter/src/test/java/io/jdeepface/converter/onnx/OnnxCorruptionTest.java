package io.jdeepface.converter.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jdeepface.converter.protobuf.ProtoReader;
import io.jdeepface.engine.format.ModelFormatException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Truncated and bit-flipped real models: every outcome must be a successful import or a
 * {@link ModelFormatException}, never another exception or an out-of-memory error.
 */
class OnnxCorruptionTest {
    /** Truncations and flips per model; three models give about 200 of each in total. */
    private static final int CASES = 67;

    @ParameterizedTest
    @ValueSource(strings = {"fr_eye", "fr_gender", "face_detection_front_128x128_barracuda"})
    void truncatedFilesFailCleanly(String name) throws Exception {
        byte[] full = Files.readAllBytes(OnnxModelsTest.file(name));
        TreeSet<Integer> cuts = new TreeSet<>();
        for (int i = 0; i < 24; i++) {
            cuts.add(i); // the header: ir_version, producer, start of the graph
        }
        cuts.add(full.length - 1);
        cuts.add(full.length - 2);
        cuts.add(full.length / 2);
        Random random = new Random(42);
        while (cuts.size() < CASES) {
            // half near the front, where the node list lives, half anywhere
            int bound = random.nextBoolean() ? Math.min(full.length, 8192) : full.length;
            cuts.add(random.nextInt(bound));
        }
        Set<Long> boundaries = topLevelFieldBoundaries(full);
        for (int cut : cuts) {
            byte[] truncated = Arrays.copyOf(full, cut);
            try {
                OnnxImporter.read(truncated, name + "@" + cut);
                // only a cut between two top-level fields after the graph leaves a readable model
                assertTrue(boundaries.contains((long) cut), "cut at " + cut + " imported");
            } catch (ModelFormatException e) {
                assertTrue(e.getMessage().startsWith(name + "@" + cut + ": "), e.getMessage());
            } catch (RuntimeException | Error e) {
                fail("cutting " + name + " at " + cut + " gave " + e, e);
            }
        }
    }

    private static Set<Long> topLevelFieldBoundaries(byte[] model) throws ModelFormatException {
        Set<Long> out = new HashSet<>();
        ProtoReader r = ProtoReader.of(model, "ModelProto");
        while (r.nextField()) {
            r.skipField();
            out.add(r.offset());
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"fr_eye", "fr_gender", "face_detection_front_128x128_barracuda"})
    void flippedBytesFailCleanlyOrImport(String name) throws Exception {
        byte[] data = Files.readAllBytes(OnnxModelsTest.file(name));
        Random random = new Random(7);
        int rejected = 0;
        for (int i = 0; i < CASES; i++) {
            int bound = random.nextBoolean() ? Math.min(data.length, 8192) : data.length;
            int pos = random.nextInt(bound);
            byte original = data[pos];
            data[pos] ^= (byte) (1 + random.nextInt(255));
            try {
                OnnxImporter.read(data, name);
            } catch (ModelFormatException expected) {
                rejected++;
            } catch (RuntimeException | Error e) {
                fail("flipping byte " + pos + " of " + name + " gave " + e, e);
            } finally {
                data[pos] = original;
            }
        }
        System.out.println(name + ": " + rejected + " of " + CASES + " flips rejected");
        assertTrue(rejected > 0, "no flip was noticed: the importer accepts anything");
    }

    @Property(tries = 200)
    void randomBytesOnlyEverFailWithModelFormatException(@ForAll @Size(max = 300) byte[] data) {
        try {
            OnnxImporter.read(data, "random.onnx");
        } catch (ModelFormatException expected) {
            // corrupt input reported as such
        }
    }
}
