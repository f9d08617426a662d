package io.jdeepface.converter.tfjs;

import io.jdeepface.engine.format.ModelFormatException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A parsed JSON value. The {@code as...} methods check the kind and name the element in their
 * error ({@code what}), so that a reader can report "modelTopology.node[3].op must be a string".
 */
public sealed interface JsonValue {

    /** An object; member order is the file's order (TF.js signatures depend on it). */
    record JsonObject(Map<String, JsonValue> members) implements JsonValue {
        public JsonObject {
            members = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        /** The member, or {@code null} when absent. */
        public JsonValue get(String key) {
            return members.get(key);
        }

        public boolean has(String key) {
            return members.containsKey(key);
        }

        public JsonValue require(String key, String what) throws ModelFormatException {
            JsonValue v = members.get(key);
            if (v == null) {
                throw new ModelFormatException(what + " has no '" + key + "'");
            }
            return v;
        }
    }

    record JsonArray(List<JsonValue> elements) implements JsonValue {
        public JsonArray {
            elements = List.copyOf(elements);
        }

        public int size() {
            return elements.size();
        }

        public JsonValue get(int i) {
            return elements.get(i);
        }
    }

    record JsonString(String value) implements JsonValue {}

    /**
     * A number kept as its literal text, so that conversion is exact and done once, by the reader
     * that knows the wanted type (a float attribute is rounded to float directly, not via double).
     */
    record JsonNumber(String literal) implements JsonValue {
        /** Longest literal we convert to an integer; longer ones are not plausible sizes. */
        private static final int MAX_INTEGER_LITERAL = 400;

        public JsonNumber {
            if (!isValidLiteral(literal)) {
                throw new IllegalArgumentException("not a JSON number: " + literal);
            }
        }

        /** RFC 8259 number grammar: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
        public static boolean isValidLiteral(String s) {
            int i = 0;
            int n = s.length();
            if (i < n && s.charAt(i) == '-') {
                i++;
            }
            if (i < n && s.charAt(i) == '0') {
                i++;
            } else {
                int start = i;
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
                if (i == start) {
                    return false;
                }
            }
            if (i < n && s.charAt(i) == '.') {
                int start = ++i;
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
                if (i == start) {
                    return false;
                }
            }
            if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                i++;
                if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                    i++;
                }
                int start = i;
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
                if (i == start) {
                    return false;
                }
            }
            return i == n;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        public double doubleValue() {
            return Double.parseDouble(literal);
        }

        public float floatValue() {
            return Float.parseFloat(literal);
        }

        /** The value as a long when it is a whole number in range ({@code 3}, {@code 3.0}, {@code 3e2}). */
        public OptionalLong longValue() {
            if (literal.length() > MAX_INTEGER_LITERAL) {
                return OptionalLong.empty();
            }
            // BigDecimal keeps huge exponents as a scale, so "1e999999999" costs nothing here.
            BigDecimal d = new BigDecimal(literal).stripTrailingZeros();
            if (d.scale() > 0 || d.precision() - d.scale() > 19) {
                return OptionalLong.empty();
            }
            try {
                return OptionalLong.of(d.longValueExact());
            } catch (ArithmeticException e) {
                return OptionalLong.empty();
            }
        }
    }

    record JsonBool(boolean value) implements JsonValue {}

    enum JsonNull implements JsonValue { INSTANCE }

    /** Kind of value for messages: "object", "array", "string", "number", "boolean", "null". */
    default String kind() {
        return switch (this) {
            case JsonObject o -> "object";
            case JsonArray a -> "array";
            case JsonString s -> "string";
            case JsonNumber n -> "number";
            case JsonBool b -> "boolean";
            case JsonNull n -> "null";
        };
    }

    default JsonObject asObject(String what) throws ModelFormatException {
        if (this instanceof JsonObject o) {
            return o;
        }
        throw wrongKind(what, "an object");
    }

    default JsonArray asArray(String what) throws ModelFormatException {
        if (this instanceof JsonArray a) {
            return a;
        }
        throw wrongKind(what, "an array");
    }

    default String asString(String what) throws ModelFormatException {
        if (this instanceof JsonString s) {
            return s.value();
        }
        throw wrongKind(what, "a string");
    }

    default boolean asBoolean(String what) throws ModelFormatException {
        if (this instanceof JsonBool b) {
            return b.value();
        }
        throw wrongKind(what, "true or false");
    }

    default JsonNumber asNumber(String what) throws ModelFormatException {
        if (this instanceof JsonNumber n) {
            return n;
        }
        throw wrongKind(what, "a number");
    }

    /**
     * A whole number given as a JSON number or, as protobuf's JSON mapping writes 64-bit integers,
     * as a decimal string ({@code "224"}).
     */
    default long asLong(String what) throws ModelFormatException {
        OptionalLong v = switch (this) {
            case JsonNumber n -> n.longValue();
            case JsonString s -> parseLongString(s.value());
            default -> throw wrongKind(what, "an integer");
        };
        if (v.isEmpty()) {
            throw new ModelFormatException(what + " must be an integer within 64 bits, found " + preview());
        }
        return v.getAsLong();
    }

    /** A float given as a JSON number or as a string (protobuf writes "NaN", "Infinity" as strings). */
    default float asFloat(String what) throws ModelFormatException {
        String text = switch (this) {
            case JsonNumber n -> n.literal();
            case JsonString s -> s.value();
            default -> throw wrongKind(what, "a number");
        };
        try {
            return Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw new ModelFormatException(what + " must be a number, found " + preview());
        }
    }

    private static OptionalLong parseLongString(String s) {
        if (s.isEmpty() || s.length() > 20) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && !(i == 0 && c == '-')) {
                return OptionalLong.empty();
            }
        }
        try {
            return OptionalLong.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private ModelFormatException wrongKind(String what, String expected) {
        return new ModelFormatException(what + " must be " + expected + ", found " + preview());
    }

    /** A short description of this value for error messages. */
    default String preview() {
        String text = switch (this) {
            case JsonString s -> '"' + s.value() + '"';
            case JsonNumber n -> n.literal();
            case JsonBool b -> Boolean.toString(b.value());
            default -> kind();
        };
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }
}
