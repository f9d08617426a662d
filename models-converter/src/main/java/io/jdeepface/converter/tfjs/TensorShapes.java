package io.jdeepface.converter.tfjs;

import io.jdeepface.converter.tfjs.JsonValue.JsonArray;
import io.jdeepface.converter.tfjs.JsonValue.JsonObject;
import io.jdeepface.engine.format.ModelFormatException;
import io.jdeepface.engine.tensor.Shape;

/** Reads TF's {@code TensorShapeProto} in JSON form: {@code {"dim": [{"size": "-1"}, {"size": "3"}]}}. */
final class TensorShapes {
    private TensorShapes() {}

    /**
     * The dimensions, {@link Shape#DYNAMIC} for unknown ones ({@code -1}), or {@code null} when the
     * rank itself is unknown. A missing {@code size} is 0, as protobuf omits default values.
     */
    static long[] parse(JsonValue shapeJson, String what) throws ModelFormatException {
        JsonObject shape = shapeJson.asObject(what);
        if (shape.has("unknownRank") && shape.get("unknownRank").asBoolean(what + ".unknownRank")) {
            return null;
        }
        JsonValue dimsJson = shape.get("dim");
        if (dimsJson == null) {
            return new long[0];
        }
        JsonArray dims = dimsJson.asArray(what + ".dim");
        if (dims.size() > Shape.MAX_RANK) {
            throw new ModelFormatException(what + " has rank " + dims.size()
                    + ", more than the supported " + Shape.MAX_RANK);
        }
        long[] out = new long[dims.size()];
        for (int i = 0; i < out.length; i++) {
            String w = what + ".dim[" + i + "]";
            JsonObject dim = dims.get(i).asObject(w);
            long size = dim.has("size") ? dim.get("size").asLong(w + ".size") : 0;
            if (size < -1) {
                throw new ModelFormatException(w + " has the invalid size " + size);
            }
            out[i] = size == -1 ? Shape.DYNAMIC : size;
        }
        return out;
    }
}
