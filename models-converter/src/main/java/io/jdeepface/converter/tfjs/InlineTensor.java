package io.jdeepface.converter.tfjs;

import io.jdeepface.converter.tfjs.JsonValue.JsonArray;
import io.jdeepface.converter.tfjs.JsonValue.JsonObject;
import io.jdeepface.engine.format.ModelFormatException;
import io.jdeepface.engine.graph.Initializer;
import io.jdeepface.engine.tensor.DataType;
import io.jdeepface.engine.tensor.Shape;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * A constant whose values are written in the node itself ({@code attr.value.tensor} with
 * {@code floatVal}, {@code intVal} or base64 {@code tensorContent}). The TF.js converter moves
 * weights to the shards, but small hand-written or older files may keep some inline.
 */
final class InlineTensor {
    /** Inline values live in the JSON text, so they are small; a larger claim is corrupt. */
    private static final long MAX_ELEMENTS = 1 << 24;

    private static final ValueLayout.OfFloat F32 =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32 =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private InlineTensor() {}

    /** The constant, or {@code null} when the node holds no values (only dtype and shape). */
    static Initializer read(String name, JsonObject tensor, String what) throws ModelFormatException {
        boolean hasValues = tensor.has("floatVal") || tensor.has("intVal") || tensor.has("tensorContent");
        if (!hasValues) {
            return null;
        }
        String dtype = tensor.has("dtype") ? tensor.get("dtype").asString(what + ".dtype") : "";
        DataType type = switch (dtype) {
            case "DT_FLOAT" -> DataType.FLOAT32;
            case "DT_INT32" -> DataType.INT32;
            default -> throw new ModelFormatException(what + ": inline tensor of type '" + dtype
                    + "' is not supported (DT_FLOAT and DT_INT32 are)");
        };
        long[] shape = tensor.has("tensorShape")
                ? TensorShapes.parse(tensor.get("tensorShape"), what + ".tensorShape") : new long[0];
        if (shape == null || !Shape.of(shape).isStatic()) {
            throw new ModelFormatException(what + ": an inline constant needs a fully known shape");
        }
        long count = 1;
        for (long d : shape) {
            count = d == 0 ? 0 : (count > MAX_ELEMENTS / d ? MAX_ELEMENTS + 1 : count * d);
        }
        if (count > MAX_ELEMENTS) {
            throw new ModelFormatException(what + ": inline constant of shape " + Shape.of(shape) + " is too large");
        }
        MemorySegment data = MemorySegment.ofArray(new byte[(int) count * 4]);
        if (tensor.has("tensorContent")) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(tensor.get("tensorContent").asString(what + ".tensorContent"));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(what + ".tensorContent is not valid base64");
            }
            if (bytes.length != count * 4) {
                throw new ModelFormatException(what + ".tensorContent has " + bytes.length
                        + " bytes, the shape " + Shape.of(shape) + " needs " + count * 4);
            }
            MemorySegment.copy(MemorySegment.ofArray(bytes), 0, data, 0, bytes.length);
        } else {
            String key = type == DataType.FLOAT32 ? "floatVal" : "intVal";
            JsonValue list = tensor.get(key);
            if (list == null) {
                throw new ModelFormatException(what + ": a " + dtype + " tensor needs " + key);
            }
            JsonArray values = list.asArray(what + "." + key);
            if (values.size() == 0 && count > 0 || values.size() > count) {
                throw new ModelFormatException(what + "." + key + " has " + values.size()
                        + " values for shape " + Shape.of(shape));
            }
            // TF repeats the last value when fewer are given (a splat such as a single zero).
            for (int i = 0; i < count; i++) {
                JsonValue v = values.get(Math.min(i, values.size() - 1));
                String w = what + "." + key + "[" + Math.min(i, values.size() - 1) + "]";
                if (type == DataType.FLOAT32) {
                    data.setAtIndex(F32, i, v.asFloat(w));
                } else {
                    long l = v.asLong(w);
                    if (l != (int) l) {
                        throw new ModelFormatException(w + " is outside the int32 range");
                    }
                    data.setAtIndex(I32, i, (int) l);
                }
            }
        }
        return new Initializer(name, type, Shape.of(shape), data);
    }
}
