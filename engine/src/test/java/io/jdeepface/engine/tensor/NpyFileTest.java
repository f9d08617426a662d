package io.jdeepface.engine.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jdeepface.engine.format.ModelFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyFileTest {
    @TempDir
    Path dir;

    @Test
    void roundTripAndHeaderLayout() throws Exception {
        Tensor t = Tensor.ofFloats(Shape.of(2, 3), 1, 2, 3, 4, 5, -6.5f);
        Path f = dir.resolve("a.npy");
        NpyFile.write(t, f);
        byte[] b = Files.readAllBytes(f);
        assertEquals(0, (10 + ((b[8] & 0xFF) | (b[9] & 0xFF) << 8)) % 64, "data must start 64-aligned");
        String header = new String(b, 10, 60, java.nio.charset.StandardCharsets.ISO_8859_1);
        org.junit.jupiter.api.Assertions.assertTrue(header.contains("'shape': (2, 3)"), header);
        Tensor back = NpyFile.read(f);
        assertEquals(t.shape(), back.shape());
        assertArrayEquals(t.toFloatArray(), back.toFloatArray());
    }

    @Test
    void readsFloat64() throws Exception {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }";
        String header = dict + " ".repeat(128 - 10 - dict.length() - 1) + "\n";
        byte[] data = new byte[10 + header.length() + 24];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0};
        System.arraycopy(magic, 0, data, 0, 10);
        System.arraycopy(header.getBytes(), 0, data, 10, header.length());
        java.nio.ByteBuffer.wrap(data, 128, 24).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(1.5).putDouble(-2).putDouble(1e-3);
        Tensor t = NpyFile.parse(data);
        assertArrayEquals(new float[] {1.5f, -2f, 1e-3f}, t.toFloatArray());
    }

    @Property(tries = 200)
    void truncatedFilesGiveAClearError(@ForAll @IntRange(min = 0, max = 88) int cut) throws Exception {
        Path f = Files.createTempFile("npy", ".npy"); // jqwik properties get no @TempDir
        NpyFile.write(Tensor.ofFloats(Shape.of(6), 1, 2, 3, 4, 5, 6), f);
        byte[] b = Files.readAllBytes(f);
        Files.delete(f);
        if (cut < b.length) {
            byte[] cutBytes = java.util.Arrays.copyOf(b, cut);
            assertThrows(ModelFormatException.class, () -> NpyFile.parse(cutBytes));
        }
    }
}
