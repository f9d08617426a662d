package io.jdeepface.converter.tfjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdeepface.converter.tfjs.JsonValue.JsonArray;
import io.jdeepface.converter.tfjs.JsonValue.JsonBool;
import io.jdeepface.converter.tfjs.JsonValue.JsonNull;
import io.jdeepface.converter.tfjs.JsonValue.JsonNumber;
import io.jdeepface.converter.tfjs.JsonValue.JsonObject;
import io.jdeepface.converter.tfjs.JsonValue.JsonString;
import io.jdeepface.engine.format.ModelFormatException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonParserTest {
    @Test
    void parsesAllKindsKeepingMemberOrder() throws Exception {
        JsonValue v = JsonParser.parse(" {\"b\": [1, -2.5e3, true, false, null], \"a\": {\"s\": \"x\\u00e9\\n\\\"\"}}\n");
        JsonObject o = (JsonObject) v;
        assertEquals(List.of("b", "a"), List.copyOf(o.members().keySet()));
        assertEquals(new JsonArray(List.of(new JsonNumber("1"), new JsonNumber("-2.5e3"), new JsonBool(true),
                new JsonBool(false), JsonNull.INSTANCE)), o.get("b"));
        assertEquals("x\u00e9\n\"", o.get("a").asObject("a").get("s").asString("s"));
    }

    @Test
    void decodesSurrogatePairEscapes() throws Exception {
        assertEquals(new JsonString("\uD83D\uDE00"), JsonParser.parse("\"\\ud83d\\uDE00\""));
    }

    @Test
    void numbersKeepTheirTextAndConvertExactly() throws Exception {
        JsonNumber n = (JsonNumber) JsonParser.parse("0.1");
        assertEquals(0.1f, n.floatValue()); // rounded once, to float
        assertEquals(0.1, n.doubleValue());
        assertEquals(OptionalLong.of(300), ((JsonNumber) JsonParser.parse("3e2")).longValue());
        assertEquals(OptionalLong.of(3), ((JsonNumber) JsonParser.parse("3.000")).longValue());
        assertEquals(OptionalLong.of(Long.MIN_VALUE), ((JsonNumber) JsonParser.parse("-9223372036854775808")).longValue());
        assertEquals(OptionalLong.empty(), ((JsonNumber) JsonParser.parse("9223372036854775808")).longValue());
        assertEquals(OptionalLong.empty(), ((JsonNumber) JsonParser.parse("1e999999999")).longValue());
        assertEquals(OptionalLong.empty(), ((JsonNumber) JsonParser.parse("2.5")).longValue());
        assertEquals(Double.POSITIVE_INFINITY, ((JsonNumber) JsonParser.parse("1e400")).doubleValue());
    }

    @Test
    void integersWrittenAsStringsAreAccepted() throws Exception {
        assertEquals(-1, new JsonString("-1").asLong("size"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new JsonString("1x").asLong("size"));
        assertEquals("size must be an integer within 64 bits, found \"1x\"", e.getMessage());
    }

    @Test
    void errorsNameLineAndColumn() {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> JsonParser.parse("{\n  \"a\": 1,\n  \"b\" 2\n}"));
        assertEquals("JSON: JSON error at line 3, column 7 (offset 18): expected ':', found '2'", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[1,]", "{\"a\":1,}", "01", "1.", "-", "1e", ".5", "+1", "NaN", "tru",
            "\"abc", "\"\\x\"", "\"\\u12g4\"", "\"a\tb\"", "[1 2]", "{\"a\" 1}", "{1: 2}", "1 2", "nul", "'a'"})
    void rejectsMalformedText(String text) {
        assertThrows(ModelFormatException.class, () -> JsonParser.parse(text));
    }

    @Test
    void rejectsDuplicateMemberNames() {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> JsonParser.parse("{\"a\":1,\"a\":2}"));
        assertTrue(e.getMessage().contains("duplicate member name \"a\""), e.getMessage());
    }

    @Test
    void limitsNestingDepthAndLength() throws Exception {
        String deep = "[".repeat(129) + "]".repeat(129);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> JsonParser.parse(deep));
        assertTrue(e.getMessage().contains("nesting deeper than 128"), e.getMessage());
        JsonParser.parse("[".repeat(128) + "]".repeat(128));
        assertThrows(ModelFormatException.class, () -> JsonParser.parse("x", "[1, 2]", 8, 5));
        // A million nested arrays fail cleanly, without a StackOverflowError.
        assertThrows(ModelFormatException.class, () -> JsonParser.parse("[".repeat(1_000_000)));
    }

    @Test
    void utf8MustBeValid() throws Exception {
        assertEquals(new JsonString("é"), JsonParser.parseUtf8("f", "\"é\"".getBytes(StandardCharsets.UTF_8)));
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> JsonParser.parseUtf8("f.json", new byte[] {'"', (byte) 0xC3, '"'}));
        assertEquals("f.json: invalid UTF-8 at byte 1", e.getMessage());
        assertEquals(new JsonArray(List.of()), JsonParser.parseUtf8("f", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '[', ']'}));
    }

    @Test
    void kindErrorsNameTheElement() throws Exception {
        JsonValue v = JsonParser.parse("{\"node\": 3}");
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ((JsonObject) v).get("node").asArray("modelTopology.node"));
        assertEquals("modelTopology.node must be an array, found 3", e.getMessage());
        assertEquals(Map.of("node", new JsonNumber("3")), ((JsonObject) v).members());
    }
}
