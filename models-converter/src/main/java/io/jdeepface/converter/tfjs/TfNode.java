package io.jdeepface.converter.tfjs;

import io.jdeepface.converter.tfjs.JsonValue.JsonArray;
import io.jdeepface.converter.tfjs.JsonValue.JsonObject;
import io.jdeepface.engine.format.ModelFormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One node of a TF GraphDef as TF.js stores it in {@code modelTopology.node}. Attribute values keep
 * their JSON form (protobuf's JSON mapping of {@code AttrValue}); the accessors decode them and
 * name the node and attribute when a value is missing or malformed.
 *
 * @param inputs data inputs as written ({@code "name"} or {@code "name:1"}); {@code ^control}
 *               inputs are already dropped, they only order execution
 */
record TfNode(String name, String op, List<String> inputs, Map<String, JsonObject> attrs) {

    TfNode {
        inputs = List.copyOf(inputs);
        attrs = Map.copyOf(attrs);
    }

    /** "node 'conv1/Conv2D' (Conv2D)" for messages. */
    String describe() {
        return "node '" + name + "' (" + op + ")";
    }

    boolean hasAttr(String key) {
        return attrs.containsKey(key);
    }

    long intAttr(String key) throws ModelFormatException {
        return require(key).require("i", what(key)).asLong(what(key));
    }

    long intAttr(String key, long fallback) throws ModelFormatException {
        return hasAttr(key) ? intAttr(key) : fallback;
    }

    float floatAttr(String key, float fallback) throws ModelFormatException {
        JsonObject a = attrs.get(key);
        if (a == null || !a.has("f")) {
            return fallback;
        }
        return a.get("f").asFloat(what(key));
    }

    boolean boolAttr(String key, boolean fallback) throws ModelFormatException {
        JsonObject a = attrs.get(key);
        if (a == null || !a.has("b")) {
            return fallback;
        }
        return a.get("b").asBoolean(what(key));
    }

    /** A bytes attribute ({@code "s"}, base64) read as text, e.g. padding "SAME". */
    String stringAttr(String key, String fallback) throws ModelFormatException {
        JsonObject a = attrs.get(key);
        if (a == null || !a.has("s")) {
            return fallback;
        }
        return decodeBase64Text(a.get("s").asString(what(key)), what(key));
    }

    String typeAttr(String key, String fallback) throws ModelFormatException {
        JsonObject a = attrs.get(key);
        if (a == null || !a.has("type")) {
            return fallback;
        }
        return a.get("type").asString(what(key));
    }

    /** An int list ({@code {"list": {"i": ["1","2"]}}}); absent or empty lists give {@code fallback}. */
    long[] intsAttr(String key, long[] fallback) throws ModelFormatException {
        JsonArray values = listValues(key, "i");
        if (values == null || values.size() == 0) {
            return fallback;
        }
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asLong(what(key) + "[" + i + "]");
        }
        return out;
    }

    List<String> stringsAttr(String key) throws ModelFormatException {
        JsonArray values = listValues(key, "s");
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                String w = what(key) + "[" + i + "]";
                out.add(decodeBase64Text(values.get(i).asString(w), w));
            }
        }
        return out;
    }

    /** A shape attribute ({@code {"shape": {"dim": [{"size": "-1"}, ...]}}}); null when unknown. */
    long[] shapeAttr(String key) throws ModelFormatException {
        JsonObject a = attrs.get(key);
        if (a == null || !a.has("shape")) {
            return null;
        }
        return TensorShapes.parse(a.get("shape"), what(key));
    }

    private JsonArray listValues(String key, String kind) throws ModelFormatException {
        JsonObject a = attrs.get(key);
        if (a == null || !a.has("list")) {
            return null;
        }
        JsonObject list = a.get("list").asObject(what(key) + ".list");
        JsonValue v = list.get(kind);
        return v == null ? null : v.asArray(what(key) + ".list." + kind);
    }

    private JsonObject require(String key) throws ModelFormatException {
        JsonObject a = attrs.get(key);
        if (a == null) {
            throw new ModelFormatException(describe() + " has no attribute '" + key + "'");
        }
        return a;
    }

    private String what(String key) {
        return describe() + " attribute '" + key + "'";
    }

    private static String decodeBase64Text(String base64, String what) throws ModelFormatException {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(what + " is not valid base64");
        }
    }
}
