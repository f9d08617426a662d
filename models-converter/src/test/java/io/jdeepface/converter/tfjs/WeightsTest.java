package io.jdeepface.converter.tfjs;

import static io.jdeepface.converter.tfjs.TfjsFixture.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.converter.tfjs.JsonValue.JsonNumber;
import io.jdeepface.converter.tfjs.JsonValue.JsonObject;
import io.jdeepface.converter.tfjs.JsonValue.JsonString;
import io.jdeepface.engine.format.ModelFormatException;
import io.jdeepface.engine.graph.Graph;
import io.jdeepface.engine.tensor.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weight shards: dequantization as TF.js does it, and clear errors for missing or short shards. */
class WeightsTest {
    @TempDir
    Path dir;

    private static final double MIN = -0.73;
    private static final double SCALE = 0.0123;

    @Test
    void uint8Uint16AndFloat16WeightsDequantizeExactly() throws Exception {
        byte[] u8 = {0, 1, 127, (byte) 128, (byte) 255};
        byte[] u16 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 0).putShort((short) 1000).putShort((short) 40000).putShort((short) 65535).array();
        short[] halves = {0x3C00, (short) 0xC000, 0x7BFF, 0x0001, (short) 0x8000, 0x3555, 0x7C00};
        ByteBuffer f16 = ByteBuffer.allocate(halves.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short h : halves) {
            f16.putShort(h);
        }
        byte[] i8 = {0, 3, 10};
        Path json = new TfjsFixture()
                .placeholder("x", 7)
                .constantBytes("q8", shape(5), "float32", affine("uint8", MIN, SCALE), u8)
                .constantBytes("q16", shape(4), "float32", affine("uint16", MIN, SCALE), u16)
                .constantBytes("h", shape(7), "float32", new JsonObject(Map.of("dtype", new JsonString("float16"))),
                        f16.array())
                .constantBytes("qi", shape(3), "int32", affine("uint8", -2, 0.5), i8)
                .constant("plain", shape(2), 1.25f, -3.5f)
                .node("a", "Add", List.of("x", "h"), Map.of())
                .node("b", "Add", List.of("q8", "q8"), Map.of())
                .node("c", "Add", List.of("q16", "q16"), Map.of())
                .node("d", "Add", List.of("qi", "qi"), Map.of())
                .node("e", "Add", List.of("plain", "plain"), Map.of())
                .write(dir, "quant");
        Graph g = TfjsImporter.read(json).graph();

        float[] q8 = g.initializer("q8").orElseThrow().toFloatArray();
        int[] q8raw = {0, 1, 127, 128, 255};
        for (int i = 0; i < q8raw.length; i++) {
            assertEquals((float) (q8raw[i] * SCALE + MIN), q8[i], "uint8 " + q8raw[i]);
        }
        float[] q16 = g.initializer("q16").orElseThrow().toFloatArray();
        int[] q16raw = {0, 1000, 40000, 65535};
        for (int i = 0; i < q16raw.length; i++) {
            assertEquals((float) (q16raw[i] * SCALE + MIN), q16[i], "uint16 " + q16raw[i]);
        }
        assertArrayEquals(new float[] {1f, -2f, 65504f, 5.9604645E-8f, -0f, 0.33325195f, Float.POSITIVE_INFINITY},
                g.initializer("h").orElseThrow().toFloatArray());
        assertEquals(DataType.INT32, g.initializer("qi").orElseThrow().type());
        assertArrayEquals(new long[] {-2, 0, 3}, g.initializer("qi").orElseThrow().toLongArray(),
                "int32 weights round like TF.js's Math.round: -2 + 0.5*3 = -0.5 -> 0, -2 + 0.5*10 = 3");
        assertArrayEquals(new float[] {1.25f, -3.5f}, g.initializer("plain").orElseThrow().toFloatArray());
    }

    @Test
    void missingShardIsNamed() throws Exception {
        Path json = tinyModel();
        Files.delete(dir.resolve("m.bin"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> TfjsImporter.read(json));
        assertTrue(e.getMessage().contains("weight shard 'm.bin'") && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void shortShardIsNamed() throws Exception {
        Path json = tinyModel();
        Path bin = dir.resolve("m.bin");
        byte[] bytes = Files.readAllBytes(bin);
        Files.write(bin, java.util.Arrays.copyOf(bytes, bytes.length - 1));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> TfjsImporter.read(json));
        assertTrue(e.getMessage().contains("'b'") && e.getMessage().contains("hold only 15 bytes")
                && e.getMessage().contains("[m.bin]"), e.getMessage());
    }

    @Test
    void shardOutsideTheModelFolderIsRefused() throws Exception {
        Path json = tinyModel();
        Files.writeString(json, Files.readString(json).replace("\"m.bin\"", "\"../m.bin\""));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> TfjsImporter.read(json));
        assertTrue(e.getMessage().contains("inside the model's folder"), e.getMessage());
    }

    @Test
    void hugeClaimedShapeIsRejectedBeforeAllocating() throws Exception {
        Path json = tinyModel();
        Files.writeString(json, Files.readString(json).replace("\"shape\":[2]", "\"shape\":[4611686018427387904, 4]"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> TfjsImporter.read(json));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void unsupportedQuantizationIsNamed() throws Exception {
        Path json = new TfjsFixture()
                .placeholder("x", 1)
                .constantBytes("c", shape(1), "float32", new JsonObject(Map.of("dtype", new JsonString("bfloat16"))),
                        new byte[2])
                .node("y", "Add", List.of("x", "c"), Map.of())
                .write(dir, "bf");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> TfjsImporter.read(json));
        assertTrue(e.getMessage().contains("'bfloat16'"), e.getMessage());
    }

    /** x [2] + a [2] + b [2]: 16 bytes of float32 weights in m.bin. */
    private Path tinyModel() throws Exception {
        return new TfjsFixture()
                .placeholder("x", 2)
                .constant("a", shape(2), 1, 2)
                .constant("b", shape(2), 3, 4)
                .node("s", "Add", List.of("x", "a"), Map.of())
                .node("t", "Add", List.of("s", "b"), Map.of())
                .write(dir, "m");
    }

    private static JsonObject affine(String dtype, double min, double scale) {
        Map<String, JsonValue> q = new LinkedHashMap<>();
        q.put("dtype", new JsonString(dtype));
        q.put("min", new JsonNumber(Double.toString(min)));
        q.put("scale", new JsonNumber(Double.toString(scale)));
        return new JsonObject(q);
    }
}
