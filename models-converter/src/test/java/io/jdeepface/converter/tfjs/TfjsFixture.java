package io.jdeepface.converter.tfjs;

import io.jdeepface.converter.tfjs.JsonValue.JsonArray;
import io.jdeepface.converter.tfjs.JsonValue.JsonBool;
import io.jdeepface.converter.tfjs.JsonValue.JsonNumber;
import io.jdeepface.converter.tfjs.JsonValue.JsonObject;
import io.jdeepface.converter.tfjs.JsonValue.JsonString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds small TF.js graph models (model.json plus one .bin shard) for tests. */
final class TfjsFixture {
    private final List<JsonValue> nodes = new ArrayList<>();
    private final List<JsonValue> weights = new ArrayList<>();
    private final ByteArrayOutputStream shard = new ByteArrayOutputStream();
    private final Map<String, JsonValue> signatureOutputs = new LinkedHashMap<>();

    TfjsFixture placeholder(String name, long... shape) {
        List<JsonValue> dims = new ArrayList<>();
        for (long d : shape) {
            dims.add(obj("size", new JsonString(Long.toString(d))));
        }
        return node(name, "Placeholder", List.of(), Map.of(
                "shape", obj("shape", obj("dim", new JsonArray(dims))),
                "dtype", obj("type", new JsonString("DT_FLOAT"))));
    }

    /** A float32 constant stored unquantized in the shard. */
    TfjsFixture constant(String name, long[] shape, float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return constantBytes(name, shape, "float32", null, b.array());
    }

    TfjsFixture intConstant(String name, long[] shape, int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return constantBytes(name, shape, "int32", null, b.array());
    }

    /** A constant whose shard bytes and manifest quantization are given as they are. */
    TfjsFixture constantBytes(String name, long[] shape, String dtype, JsonObject quantization, byte[] bytes) {
        Map<String, JsonValue> w = new LinkedHashMap<>();
        w.put("name", new JsonString(name));
        w.put("shape", longs(shape));
        w.put("dtype", new JsonString(dtype));
        if (quantization != null) {
            w.put("quantization", quantization);
        }
        weights.add(new JsonObject(w));
        shard.writeBytes(bytes);
        return node(name, "Const", List.of(), Map.of(
                "dtype", obj("type", new JsonString(dtype.equals("int32") ? "DT_INT32" : "DT_FLOAT"))));
    }

    TfjsFixture node(String name, String op, List<String> inputs, Map<String, JsonValue> attrs) {
        Map<String, JsonValue> n = new LinkedHashMap<>();
        n.put("name", new JsonString(name));
        n.put("op", new JsonString(op));
        List<JsonValue> in = new ArrayList<>();
        inputs.forEach(i -> in.add(new JsonString(i)));
        n.put("input", new JsonArray(in));
        n.put("attr", new JsonObject(attrs));
        nodes.add(new JsonObject(n));
        return this;
    }

    TfjsFixture signatureOutput(String key, String tensorName) {
        signatureOutputs.put(key, obj("name", new JsonString(tensorName)));
        return this;
    }

    /** Writes {@code <name>.json} and {@code <name>.bin} into {@code dir}; returns the json path. */
    Path write(Path dir, String name) throws IOException {
        Map<String, JsonValue> root = new LinkedHashMap<>();
        root.put("format", new JsonString("graph-model"));
        root.put("generatedBy", new JsonString("test"));
        root.put("convertedBy", new JsonString("TfjsFixture"));
        if (!signatureOutputs.isEmpty()) {
            root.put("signature", obj("outputs", new JsonObject(signatureOutputs)));
        }
        root.put("modelTopology", obj("node", new JsonArray(nodes)));
        root.put("weightsManifest", new JsonArray(List.of(new JsonObject(Map.of(
                "paths", new JsonArray(List.of(new JsonString(name + ".bin"))),
                "weights", new JsonArray(weights))))));
        Files.write(dir.resolve(name + ".bin"), shard.toByteArray());
        Path json = dir.resolve(name + ".json");
        Files.writeString(json, JsonWriter.write(new JsonObject(root)));
        return json;
    }

    // ---- attribute values in TF's JSON form ----

    static JsonObject ints(long... values) {
        List<JsonValue> l = new ArrayList<>();
        for (long v : values) {
            l.add(new JsonString(Long.toString(v)));
        }
        return obj("list", obj("i", new JsonArray(l)));
    }

    static JsonObject str(String s) {
        return obj("s", new JsonString(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8))));
    }

    static JsonObject strs(String... values) {
        List<JsonValue> l = new ArrayList<>();
        for (String s : values) {
            l.add(new JsonString(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8))));
        }
        return obj("list", obj("s", new JsonArray(l)));
    }

    static JsonObject i(long v) {
        return obj("i", new JsonString(Long.toString(v)));
    }

    static JsonObject f(float v) {
        return obj("f", new JsonNumber(Float.toString(v)));
    }

    static JsonObject b(boolean v) {
        return obj("b", new JsonBool(v));
    }

    static JsonObject obj(String key, JsonValue value) {
        return new JsonObject(Map.of(key, value));
    }

    static JsonArray longs(long... values) {
        List<JsonValue> l = new ArrayList<>();
        for (long v : values) {
            l.add(new JsonNumber(Long.toString(v)));
        }
        return new JsonArray(l);
    }

    static long[] shape(long... dims) {
        return dims;
    }

    /** 0, 1, 2, ... as floats: every element distinct, so a wrong permutation shows. */
    static float[] iota(int n) {
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = k;
        }
        return v;
    }
}
