package io.jdeepface.converter.tfjs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jdeepface.converter.tfjs.JsonValue.JsonArray;
import io.jdeepface.converter.tfjs.JsonValue.JsonBool;
import io.jdeepface.converter.tfjs.JsonValue.JsonNull;
import io.jdeepface.converter.tfjs.JsonValue.JsonNumber;
import io.jdeepface.converter.tfjs.JsonValue.JsonObject;
import io.jdeepface.converter.tfjs.JsonValue.JsonString;
import io.jdeepface.engine.format.ModelFormatException;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class JsonParserPropertyTest {
    @Property(tries = 200)
    void writtenValuesParseBackEqual(@ForAll("json") JsonValue value) throws ModelFormatException {
        assertEquals(value, JsonParser.parse(JsonWriter.write(value)));
    }

    @Property(tries = 250)
    void randomTextFailsOnlyWithModelFormatException(@ForAll String text) {
        parseExpectingOnlyFormatErrors(text);
    }

    @Property(tries = 200)
    void randomBytesFailOnlyWithModelFormatException(@ForAll byte[] bytes) {
        try {
            JsonParser.parseUtf8("random", bytes);
        } catch (ModelFormatException expected) {
            // fine: malformed input is reported as such
        }
    }

    @Property(tries = 250)
    void damagedJsonFailsOnlyWithModelFormatException(@ForAll("json") JsonValue value,
            @ForAll @IntRange(min = 0, max = 10_000) int at, @ForAll char inserted, @ForAll boolean delete) {
        String text = JsonWriter.write(value);
        int i = at % (text.length() + 1);
        String damaged = delete && i < text.length()
                ? text.substring(0, i) + text.substring(i + 1)
                : text.substring(0, i) + inserted + text.substring(i);
        parseExpectingOnlyFormatErrors(damaged);
    }

    @Property(tries = 200)
    void doublesAndFloatsConvertExactly(@ForAll double d, @ForAll float f) throws ModelFormatException {
        if (Double.isFinite(d)) {
            assertEquals(d, JsonParser.parse(Double.toString(d)).asNumber("d").doubleValue());
        }
        if (Float.isFinite(f)) {
            assertEquals(f, JsonParser.parse(Float.toString(f)).asNumber("f").floatValue());
        }
    }

    @Property(tries = 200)
    void longsConvertExactly(@ForAll long l) throws ModelFormatException {
        assertEquals(OptionalLong.of(l), ((JsonNumber) JsonParser.parse(Long.toString(l))).longValue());
        assertEquals(OptionalLong.of(l), ((JsonNumber) JsonParser.parse(l + ".000")).longValue());
        assertEquals(l, new JsonString(Long.toString(l)).asLong("l"));
    }

    private static void parseExpectingOnlyFormatErrors(String text) {
        try {
            JsonParser.parse(text);
        } catch (ModelFormatException expected) {
            // fine
        }
    }

    @Provide
    Arbitrary<JsonValue> json() {
        return value(4);
    }

    private Arbitrary<JsonValue> value(int depth) {
        Arbitrary<JsonValue> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(JsonString::new),
                numberLiterals().map(JsonNumber::new),
                Arbitraries.of(true, false).map(JsonBool::new),
                Arbitraries.just(JsonNull.INSTANCE));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonValue> array = Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(4).map(JsonArray::new);
        Arbitrary<JsonValue> object = Arbitraries.maps(Arbitraries.strings().ofMaxLength(6), Arbitraries.lazy(() -> value(depth - 1)))
                .ofMaxSize(4).map(JsonObject::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, leaf),
                net.jqwik.api.Tuple.of(1, array),
                net.jqwik.api.Tuple.of(1, object));
    }

    /** JSON number literals: sign, integer part, optional fraction and exponent. */
    private static Arbitrary<String> numberLiterals() {
        Arbitrary<String> sign = Arbitraries.of("", "-");
        Arbitrary<String> integer = Arbitraries.oneOf(Arbitraries.just("0"),
                Arbitraries.longs().between(1, Long.MAX_VALUE).map(l -> Long.toString(l)));
        Arbitrary<String> fraction = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(8).map(s -> "." + s));
        Arbitrary<String> exponent = Arbitraries.oneOf(Arbitraries.just(""),
                Combinators.combine(Arbitraries.of("e", "E"), Arbitraries.of("", "+", "-"),
                        Arbitraries.integers().between(0, 400)).as((e, s, n) -> e + s + n));
        return Combinators.combine(sign, integer, fraction, exponent).as((s, i, f, e) -> s + i + f + e);
    }
}
