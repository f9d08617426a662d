package io.jdeepface.converter.tfjs;

import io.jdeepface.converter.tfjs.JsonValue.JsonArray;
import io.jdeepface.converter.tfjs.JsonValue.JsonBool;
import io.jdeepface.converter.tfjs.JsonValue.JsonNull;
import io.jdeepface.converter.tfjs.JsonValue.JsonNumber;
import io.jdeepface.converter.tfjs.JsonValue.JsonObject;
import io.jdeepface.converter.tfjs.JsonValue.JsonString;
import io.jdeepface.engine.format.ModelFormatException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 JSON parser (recursive descent). Limits on nesting depth and text length keep
 * hostile input from exhausting the stack or memory; every error names line and column.
 */
public final class JsonParser {
    /** TF.js model.json nests about a dozen levels; far deeper means a corrupt or hostile file. */
    public static final int DEFAULT_MAX_DEPTH = 128;
    /** Characters; TF.js graph models keep weights in .bin shards, so their JSON is small. */
    public static final int DEFAULT_MAX_LENGTH = 64 << 20;

    private final String source;
    private final String text;
    private final int maxDepth;
    private int pos;
    private int depth;

    private JsonParser(String source, String text, int maxDepth) {
        this.source = source;
        this.text = text;
        this.maxDepth = maxDepth;
    }

    public static JsonValue parse(String text) throws ModelFormatException {
        return parse("JSON", text, DEFAULT_MAX_DEPTH, DEFAULT_MAX_LENGTH);
    }

    /**
     * Parses one JSON document.
     *
     * @param source name for messages, e.g. the file name
     */
    public static JsonValue parse(String source, String text, int maxDepth, int maxLength)
            throws ModelFormatException {
        if (text.length() > maxLength) {
            throw new ModelFormatException(source + ": JSON text of " + text.length()
                    + " characters exceeds the limit of " + maxLength);
        }
        JsonParser p = new JsonParser(source, text, maxDepth);
        if (p.pos < text.length() && text.charAt(p.pos) == '\uFEFF') {
            p.pos++; // a byte order mark is harmless
        }
        p.skipWhitespace();
        JsonValue v = p.value();
        p.skipWhitespace();
        if (p.pos != text.length()) {
            throw p.error("unexpected " + p.describeHere() + " after the JSON value");
        }
        return v;
    }

    /** Decodes strict UTF-8 (malformed bytes are an error, not replaced) and parses. */
    public static JsonValue parseUtf8(String source, byte[] utf8) throws ModelFormatException {
        if (utf8.length > DEFAULT_MAX_LENGTH) {
            throw new ModelFormatException(source + ": " + utf8.length
                    + " bytes exceed the JSON size limit of " + DEFAULT_MAX_LENGTH);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(utf8);
        String text;
        try {
            text = decoder.decode(in).toString();
        } catch (MalformedInputException e) {
            throw new ModelFormatException(source + ": invalid UTF-8 at byte " + in.position());
        } catch (CharacterCodingException e) {
            throw new ModelFormatException(source + ": invalid UTF-8 at byte " + in.position(), e);
        }
        return parse(source, text, DEFAULT_MAX_DEPTH, DEFAULT_MAX_LENGTH);
    }

    private JsonValue value() throws ModelFormatException {
        if (pos >= text.length()) {
            throw error("unexpected end of input, expected a value");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> new JsonString(string());
            case 't' -> literal("true", new JsonBool(true));
            case 'f' -> literal("false", new JsonBool(false));
            case 'n' -> literal("null", JsonNull.INSTANCE);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected " + describeHere() + ", expected a value");
            }
        };
    }

    private JsonObject object() throws ModelFormatException {
        enter();
        pos++; // '{'
        Map<String, JsonValue> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return new JsonObject(members);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a member name in quotes, found " + describeHere());
            }
            int keyPos = pos;
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            JsonValue v = value();
            if (members.putIfAbsent(key, v) != null) {
                pos = keyPos;
                throw error("duplicate member name \"" + shorten(key) + "\"");
            }
            skipWhitespace();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == '}') {
                pos++;
                depth--;
                return new JsonObject(members);
            } else {
                throw error("expected ',' or '}' in object, found " + describeHere());
            }
        }
    }

    private JsonArray array() throws ModelFormatException {
        enter();
        pos++; // '['
        List<JsonValue> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return new JsonArray(elements);
        }
        while (true) {
            skipWhitespace();
            elements.add(value());
            skipWhitespace();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == ']') {
                pos++;
                depth--;
                return new JsonArray(elements);
            } else {
                throw error("expected ',' or ']' in array, found " + describeHere());
            }
        }
    }

    private void enter() throws ModelFormatException {
        if (++depth > maxDepth) {
            throw error("nesting deeper than " + maxDepth + " levels");
        }
    }

    private String string() throws ModelFormatException {
        int start = pos;
        pos++; // opening quote
        StringBuilder sb = null;
        int runStart = pos;
        while (true) {
            if (pos >= text.length()) {
                pos = start;
                throw error("string is not terminated");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String s = sb == null ? text.substring(runStart, pos)
                        : sb.append(text, runStart, pos).toString();
                pos++;
                return s;
            }
            if (c < 0x20) {
                throw error("control character U+" + String.format("%04X", (int) c)
                        + " must be escaped in a string");
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(text, runStart, pos);
                pos++;
                sb.append(escape());
                runStart = pos;
            } else {
                pos++;
            }
        }
    }

    private char escape() throws ModelFormatException {
        if (pos >= text.length()) {
            throw error("string is not terminated");
        }
        char e = text.charAt(pos++);
        return switch (e) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                if (pos + 4 > text.length()) {
                    throw error("\\u escape needs four hex digits");
                }
                int v = 0;
                for (int i = 0; i < 4; i++) {
                    int d = Character.digit(text.charAt(pos), 16);
                    if (d < 0 || text.charAt(pos) > 'f') {
                        throw error("\\u escape needs four hex digits, found " + describeHere());
                    }
                    v = v * 16 + d;
                    pos++;
                }
                yield (char) v;
            }
            default -> {
                pos--;
                throw error("invalid escape \\" + describeHere());
            }
        };
    }

    private JsonNumber number() throws ModelFormatException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (!digits()) {
            throw error("expected a digit, found " + describeHere());
        }
        if (peek() == '.') {
            pos++;
            if (!digits()) {
                throw error("expected a digit after the decimal point, found " + describeHere());
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digits()) {
                throw error("expected a digit in the exponent, found " + describeHere());
            }
        }
        return new JsonNumber(text.substring(start, pos));
    }

    private boolean digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        return pos > start;
    }

    private JsonValue literal(String word, JsonValue value) throws ModelFormatException {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected " + describeHere() + ", expected a value");
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) throws ModelFormatException {
        if (peek() != c) {
            throw error("expected '" + c + "', found " + describeHere());
        }
        pos++;
    }

    /** The current character, or NUL at the end (never a valid token start, so it fails checks). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private String describeHere() {
        if (pos >= text.length()) {
            return "end of input";
        }
        char c = text.charAt(pos);
        if (c >= 0x20 && c < 0x7F) {
            return "'" + c + "'";
        }
        return "U+" + String.format("%04X", (int) c);
    }

    private ModelFormatException error(String message) {
        int line = 1;
        int lineStart = 0;
        int end = Math.min(pos, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new ModelFormatException(source + ": JSON error at line " + line + ", column "
                + (end - lineStart + 1) + " (offset " + end + "): " + message);
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
