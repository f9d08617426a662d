package io.jdeepface.engine.format;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files (fixed seeds): truncated or with flipped bits, they must always fail with a
 * {@link ModelFormatException}. With the checksums repaired after the damage, the structural
 * checks alone must still never let anything else escape.
 */
class CorruptionFuzzTest {
    private static byte[] valid;
    private static int weightsOffset;

    @BeforeAll
    static void writeModel() {
        valid = ModelWriter.toBytes(TestGraphs.realistic(), TestGraphs.METADATA);
        weightsOffset = (int) CraftedFile.getLong(valid, ModelFormat.WEIGHTS_OFFSET_AT);
        assertTrue(valid.length > 300_000, "a realistic amount of weights: " + valid.length);
    }

    @Test
    void everyTruncationIsRejected() {
        TreeSet<Integer> lengths = new TreeSet<>();
        for (int n = 0; n <= 160; n++) {
            lengths.add(n); // the header and the start of the structure, byte by byte
        }
        for (int n = weightsOffset - 40; n <= weightsOffset + 40; n++) {
            lengths.add(n);
        }
        Random random = new Random(1);
        while (lengths.size() < 400) {
            lengths.add(random.nextInt(valid.length));
        }
        lengths.add(valid.length - 1);
        for (int n : lengths) {
            byte[] truncated = Arrays.copyOf(valid, n);
            expectFormatError(truncated, "truncated to " + n);
        }
    }

    @Test
    void aTruncatedFileOnDiskIsRejected(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("cut.jdm");
        for (int n : new int[] {1, 63, 64, 65, weightsOffset, valid.length - 1}) {
            Files.write(path, Arrays.copyOf(valid, n));
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.open(path));
            assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
        }
    }

    @Test
    void everySingleBitFlipIsRejected() {
        Random random = new Random(2);
        for (int i = 0; i < 400; i++) {
            // A third each in header, structure and weights.
            int at = switch (i % 3) {
                case 0 -> random.nextInt(ModelFormat.HEADER_SIZE);
                case 1 -> ModelFormat.HEADER_SIZE + random.nextInt(weightsOffset - ModelFormat.HEADER_SIZE);
                default -> weightsOffset + random.nextInt(valid.length - weightsOffset);
            };
            byte[] damaged = valid.clone();
            damaged[at] ^= (byte) (1 << random.nextInt(8));
            expectFormatError(damaged, "bit flip at byte " + at);
        }
    }

    @Test
    void everyRandomByteIsRejected() {
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            int at = random.nextInt(valid.length);
            byte[] damaged = valid.clone();
            damaged[at] = (byte) (damaged[at] + 1 + random.nextInt(255));
            expectFormatError(damaged, "byte changed at " + at);
        }
    }

    @Test
    void checksumValidMutationsOfTheStructureNeverEscapeAsOtherExceptions() {
        Random random = new Random(4);
        int parsed = 0;
        for (int i = 0; i < 400; i++) {
            byte[] damaged = valid.clone();
            int changes = 1 + random.nextInt(3);
            for (int c = 0; c < changes; c++) {
                int at = ModelFormat.HEADER_SIZE + random.nextInt(weightsOffset - ModelFormat.HEADER_SIZE);
                damaged[at] = switch (random.nextInt(4)) {
                    case 0 -> (byte) (damaged[at] ^ (1 << random.nextInt(8)));
                    case 1 -> (byte) 0xFF;
                    case 2 -> 0;
                    default -> (byte) random.nextInt(256);
                };
            }
            if (readsOrFailsCleanly(CraftedFile.repair(damaged), "structure mutation " + i)) {
                parsed++;
            }
        }
        assertTrue(parsed < 400, "some mutations must be caught by the structural checks");
    }

    @Test
    void checksumValidTruncationsOfTheStructureAreRejected() {
        long structureLength = CraftedFile.getLong(valid, ModelFormat.STRUCTURE_LENGTH_AT);
        Random random = new Random(5);
        for (int i = 0; i < 150; i++) {
            long shorter = random.nextLong(structureLength);
            byte[] damaged = CraftedFile.putLong(valid.clone(), ModelFormat.STRUCTURE_LENGTH_AT, shorter);
            expectFormatError(damaged, "structure length " + shorter + " of " + structureLength);
        }
    }

    @Test
    void checksumValidHeaderMutationsNeverEscapeAsOtherExceptions() {
        Random random = new Random(6);
        for (int i = 0; i < 300; i++) {
            byte[] damaged = valid.clone();
            int at = 8 + random.nextInt(ModelFormat.HEADER_SIZE - 12); // any field but magic and header CRC
            damaged[at] = (byte) random.nextInt(256);
            readsOrFailsCleanly(CraftedFile.repair(damaged), "header byte " + at);
        }
    }

    private static void expectFormatError(byte[] file, String what) {
        try {
            ModelFile.read(file).close();
            fail(what + ": accepted");
        } catch (ModelFormatException expected) {
            assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank(), what);
        } catch (RuntimeException | Error e) {
            throw new AssertionError(what + ": escaped as " + e, e);
        }
    }

    /** True when the file was read, false when it failed with a ModelFormatException. */
    private static boolean readsOrFailsCleanly(byte[] file, String what) {
        try {
            ModelFile.read(file).close();
            return true;
        } catch (ModelFormatException expected) {
            return false;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(what + ": escaped as " + e, e);
        }
    }
}
