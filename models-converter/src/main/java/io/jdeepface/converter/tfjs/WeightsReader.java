package io.jdeepface.converter.tfjs;

import io.jdeepface.converter.tfjs.JsonValue.JsonArray;
import io.jdeepface.converter.tfjs.JsonValue.JsonObject;
import io.jdeepface.engine.format.ModelFormatException;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the tensors a TF.js {@code weightsManifest} describes. Each group lists shard files
 * ({@code paths}, next to model.json) whose concatenation holds the group's weights back to back,
 * in manifest order. Weights may be quantized (uint8/uint16 with {@code min}/{@code scale}, or
 * float16) and are dequantized to float32 as TF.js does. Every claimed size is checked against the
 * shard bytes before anything is allocated.
 */
final class WeightsReader {
    /** One group's shards are held in one array. */
    private static final long MAX_GROUP_BYTES = Integer.MAX_VALUE - 16;

    private WeightsReader() {}

    /** How a weight is stored in its shard. */
    private enum Storage {
        FLOAT32(4), INT32(4), UINT8(1), UINT16(2), FLOAT16(2);

        final int bytes;

        Storage(int bytes) {
            this.bytes = bytes;
        }
    }

    /** A manifest entry, validated: where its bytes are and how to decode them. */
    private record Entry(String name, DataType type, long[] shape, Storage storage, double min,
                         double scale, long offset, long byteLength, String what) {}

    /** The weights by name, in TF layout (float32 or int32, little-endian). */
    static Map<String, Initializer> read(JsonValue manifestJson, Path dir) throws ModelFormatException {
        Map<String, Initializer> out = new LinkedHashMap<>();
        if (manifestJson == null) {
            return out;
        }
        JsonArray groups = manifestJson.asArray("weightsManifest");
        for (int g = 0; g < groups.size(); g++) {
            String what = "weightsManifest[" + g + "]";
            JsonObject group = groups.get(g).asObject(what);
            List<Path> shards = shardPaths(group, dir, what);
            long available = 0;
            for (Path shard : shards) {
                available += sizeOf(shard);
                if (available > MAX_GROUP_BYTES) {
                    throw new ModelFormatException(what + ": shards hold more than " + MAX_GROUP_BYTES
                            + " bytes, more than one weight group may hold");
                }
            }
            List<Entry> entries = entries(group, what, available, shards);
            byte[] bytes = concatenate(shards, (int) available);
            for (Entry e : entries) {
                if (out.putIfAbsent(e.name(), decode(e, bytes)) != null) {
                    throw new ModelFormatException(e.what() + ": weight name '" + e.name()
                            + "' appears twice in the manifest");
                }
            }
        }
        return out;
    }

    private static List<Path> shardPaths(JsonObject group, Path dir, String what) throws ModelFormatException {
        JsonArray paths = group.require("paths", what).asArray(what + ".paths");
        Path base = dir.toAbsolutePath().normalize();
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            String w = what + ".paths[" + i + "]";
            String p = paths.get(i).asString(w);
            Path resolved;
            try {
                resolved = base.resolve(p).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                throw new ModelFormatException(w + ": '" + p + "' is not a valid file name");
            }
            // Shards live next to model.json; a path leaving that folder is refused.
            if (p.isEmpty() || !resolved.startsWith(base) || resolved.equals(base)) {
                throw new ModelFormatException(w + ": shard path '" + p
                        + "' must name a file inside the model's folder " + base);
            }
            if (!Files.isRegularFile(resolved)) {
                throw new ModelFormatException("weight shard '" + p + "' (" + w + ") is missing: "
                        + resolved + " does not exist");
            }
            out.add(resolved);
        }
        return out;
    }

    private static long sizeOf(Path shard) throws ModelFormatException {
        try {
            return Files.size(shard);
        } catch (IOException e) {
            throw new ModelFormatException("cannot read weight shard " + shard + ": " + e.getMessage(), e);
        }
    }

    private static List<Entry> entries(JsonObject group, String what, long available, List<Path> shards)
            throws ModelFormatException {
        JsonArray weights = group.require("weights", what).asArray(what + ".weights");
        List<Entry> out = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < weights.size(); i++) {
            String w = what + ".weights[" + i + "]";
            JsonObject weight = weights.get(i).asObject(w);
            String name = weight.require("name", w).asString(w + ".name");
            w = w + " ('" + name + "')";
            long[] shape = shape(weight.require("shape", w).asArray(w + ".shape"), w);
            String dtype = weight.require("dtype", w).asString(w + ".dtype");
            DataType type = switch (dtype) {
                case "float32" -> DataType.FLOAT32;
                case "int32" -> DataType.INT32;
                default -> throw new ModelFormatException(w + ": dtype '" + dtype
                        + "' is not supported (float32 and int32 are)");
            };
            Storage storage = type == DataType.FLOAT32 ? Storage.FLOAT32 : Storage.INT32;
            double min = 0;
            double scale = 1;
            JsonValue q = weight.get("quantization");
            if (q != null) {
                JsonObject quant = q.asObject(w + ".quantization");
                String qtype = quant.require("dtype", w + ".quantization").asString(w + ".quantization.dtype");
                storage = switch (qtype) {
                    case "uint8" -> Storage.UINT8;
                    case "uint16" -> Storage.UINT16;
                    case "float16" -> Storage.FLOAT16;
                    default -> throw new ModelFormatException(w + ": quantization dtype '" + qtype
                            + "' is not supported (uint8, uint16 and float16 are)");
                };
                if (storage == Storage.FLOAT16 && type != DataType.FLOAT32) {
                    throw new ModelFormatException(w + ": float16 quantization of " + dtype + " weights");
                }
                if (storage != Storage.FLOAT16) {
                    min = finite(quant.require("min", w + ".quantization"), w + ".quantization.min");
                    scale = finite(quant.require("scale", w + ".quantization"), w + ".quantization.scale");
                }
            }
            long count = elementCount(shape, w);
            long length;
            try {
                length = Math.multiplyExact(count, storage.bytes);
            } catch (ArithmeticException e) {
                throw new ModelFormatException(w + ": shape " + Shape.of(shape) + " is too large");
            }
            if (count > MAX_GROUP_BYTES / 4) {
                throw new ModelFormatException(w + ": " + count + " elements are more than one weight may hold");
            }
            if (length > available - offset) {
                throw new ModelFormatException(w + " needs bytes " + offset + ".." + (offset + length)
                        + " of the weight shards " + shardNames(shards) + ", which hold only " + available
                        + " bytes: a shard is truncated or does not belong to this model.json");
            }
            out.add(new Entry(name, type, shape, storage, min, scale, offset, length, w));
            offset += length;
        }
        return out;
    }

    private static long[] shape(JsonArray dims, String what) throws ModelFormatException {
        if (dims.size() > Shape.MAX_RANK) {
            throw new ModelFormatException(what + ": rank " + dims.size() + " exceeds " + Shape.MAX_RANK);
        }
        long[] shape = new long[dims.size()];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = dims.get(d).asLong(what + ".shape[" + d + "]");
            if (shape[d] < 0) {
                throw new ModelFormatException(what + ": negative dimension " + shape[d]);
            }
        }
        return shape;
    }

    private static long elementCount(long[] shape, String what) throws ModelFormatException {
        long n = 1;
        for (long d : shape) {
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw new ModelFormatException(what + ": shape " + Shape.of(shape) + " is too large");
            }
        }
        return n;
    }

    private static double finite(JsonValue v, String what) throws ModelFormatException {
        double d = v.asNumber(what).doubleValue();
        if (!Double.isFinite(d)) {
            throw new ModelFormatException(what + " must be finite, found " + v.preview());
        }
        return d;
    }

    private static String shardNames(List<Path> shards) {
        List<String> names = new ArrayList<>();
        for (Path p : shards) {
            names.add(String.valueOf(p.getFileName()));
        }
        return names.toString();
    }

    private static byte[] concatenate(List<Path> shards, int total) throws ModelFormatException {
        byte[] out = new byte[total];
        int at = 0;
        for (Path shard : shards) {
            try (InputStream in = Files.newInputStream(shard)) {
                // Read at most what Files.size promised: a file growing meanwhile cannot overrun.
                int n = in.readNBytes(out, at, total - at);
                long expected = sizeOf(shard);
                if (n != expected) {
                    throw new ModelFormatException("weight shard " + shard + " changed while being read");
                }
                at += n;
            } catch (IOException e) {
                if (e instanceof ModelFormatException m) {
                    throw m;
                }
                throw new ModelFormatException("cannot read weight shard " + shard + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** TF.js's dequantization: {@code q * scale + min} in double, stored as float32. */
    private static Initializer decode(Entry e, byte[] bytes) {
        int offset = Math.toIntExact(e.offset());
        int count = Math.toIntExact(e.byteLength() / e.storage().bytes);
        byte[] out = new byte[count * 4];
        switch (e.storage()) {
            case FLOAT32, INT32 -> System.arraycopy(bytes, offset, out, 0, out.length);
            case FLOAT16 -> {
                for (int i = 0; i < count; i++) {
                    short half = (short) ((bytes[offset + 2 * i] & 0xFF) | (bytes[offset + 2 * i + 1] << 8));
                    putInt(out, i, Float.floatToRawIntBits(Float.float16ToFloat(half)));
                }
            }
            case UINT8, UINT16 -> {
                for (int i = 0; i < count; i++) {
                    int q = e.storage() == Storage.UINT8
                            ? bytes[offset + i] & 0xFF
                            : (bytes[offset + 2 * i] & 0xFF) | (bytes[offset + 2 * i + 1] & 0xFF) << 8;
                    double v = q * e.scale() + e.min();
                    putInt(out, i, e.type() == DataType.FLOAT32 ? Float.floatToRawIntBits((float) v) : (int) Math.round(v));
                }
            }
        }
        return new Initializer(e.name(), e.type(), Shape.of(e.shape()), MemorySegment.ofArray(out));
    }

    /** Stores a 32-bit value little-endian at element {@code index}. */
    private static void putInt(byte[] out, int index, int bits) {
        int at = 4 * index;
        out[at] = (byte) bits;
        out[at + 1] = (byte) (bits >>> 8);
        out[at + 2] = (byte) (bits >>> 16);
        out[at + 3] = (byte) (bits >>> 24);
    }
}
