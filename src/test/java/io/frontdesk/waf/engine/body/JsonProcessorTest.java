package io.frontdesk.waf.engine.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.frontdesk.waf.engine.body.ParsedBody.Field;

/** JSON bodies: names as ModSecurity v3 gives them, unescaped byte values, and yajl's errors. */
class JsonProcessorTest {

    private static ParsedBody read(String body) {
        return read(body, new JsonProcessor());
    }

    private static ParsedBody read(String body, JsonProcessor processor) {
        ParsedBody parsed = new ParsedBody();
        processor.process(body, "application/json", parsed);
        return parsed;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "'{\"a\":{\"b\":1}}'                     | json.a.b=1",
        "'{\"a\":[1,2]}'                         | json.a.array_0=1, json.a.array_1=2",
        "'[[1,2],[3]]'                           | json.array_0.array_0=1, json.array_0.array_1=2, json.array_1.array_0=3",
        "'[{\"a\":1},{\"a\":2}]'                 | json.array_0.a=1, json.array_1.a=2",
        "'{\"a\":[{\"b\":[true]}],\"c\":null}'   | json.a.array_0.b.array_0=true, json.c=",
        "'{\"a\":{},\"b\":[],\"c\":[[],{}],\"d\":false}' | json.d=false",
        "'{\"\":1,\"e\":{\"\":{\"x\":2}}}'       | json.empty-key=1, json.e.empty-key.x=2",
        "'\"top\"'                               | json=top",
        "' -12.5e+3 '                            | json=-12.5e+3",
        "'{\"n\":[0,-0,1E5,0.25]}'               | json.n.array_0=0, json.n.array_1=-0, json.n.array_2=1E5, json.n.array_3=0.25"})
    void valuesAreNamedAsModSecurityV3NamesThem(String body, String expected) {
        ParsedBody parsed = read(body);

        assertThat(parsed.error()).isNull();
        assertThat(parsed.arguments()).extracting(field -> field.name() + "=" + field.value())
                .containsExactly(expected.split(", "));
    }

    @Test
    void emptyDocumentsGiveNothingAndAnEmptyBodyIsNoError() {
        for (String body : new String[] {"{}", "[]", " [ ] ", ""}) {
            ParsedBody parsed = read(body);
            assertThat(parsed.error()).as(body).isNull();
            assertThat(parsed.arguments()).as(body).isEmpty();
        }
    }

    @Test
    void stringsAreUnescapedIntoBytes() {
        ParsedBody parsed = read("{\"k\\u00e9y\":[\"caf\\u00e9\",\"\\ud83d\\ude00\",\"a\\u0000b\","
                + "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\",\"\u00c3\u00a9 raw\",\"\\ud800x\"]}");

        assertThat(parsed.error()).isNull();
        assertThat(parsed.arguments()).extracting(Field::name, Field::value).containsExactly(
                tuple("json.k\u00c3\u00a9y.array_0", "caf\u00c3\u00a9"),
                tuple("json.k\u00c3\u00a9y.array_1", "\u00f0\u009f\u0098\u0080"),
                tuple("json.k\u00c3\u00a9y.array_2", "a\u0000b"),
                tuple("json.k\u00c3\u00a9y.array_3", "\"\\/\b\f\n\r\t"),
                tuple("json.k\u00c3\u00a9y.array_4", "\u00c3\u00a9 raw"),
                tuple("json.k\u00c3\u00a9y.array_5", "?x"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "'{\"a\":1,}'       | parse error: invalid object key (must be a string)",
        "'[1,]'             | parse error: unallowed token at this point in JSON text",
        "'{\"a\" 1}'        | parse error: object key and value must be separated by a colon (':')",
        "'{\"a\":1 \"b\":2}' | parse error: after key and value, inside map, I expect ',' or '}'",
        "'[1 2]'            | parse error: after array element, I expect ',' or ']'",
        "'{a:1}'            | lexical error: invalid char in json text.",
        "'[1] 2'            | parse error: trailing garbage",
        "'{\"a\":tru}'      | lexical error: invalid string in json text.",
        "'nul'              | parse error: premature EOF",
        "'\"abc'            | parse error: premature EOF",
        "'{\"a\":[1'        | parse error: premature EOF",
        "'   '              | parse error: premature EOF",
        "'01'               | parse error: trailing garbage",
        "'[1.]'             | lexical error: malformed number, a digit is required after the decimal point.",
        "'[-]'              | lexical error: malformed number, a digit is required after the minus sign.",
        "'[1e+]'            | lexical error: malformed number, a digit is required after the exponent.",
        "'[\"a\tb\"]'       | lexical error: invalid character inside string.",
        "'[\"\\x\"]'        | lexical error: inside a string, '\\' occurs before a character which it may not.",
        "'[\"\\u12g4\"]'    | lexical error: invalid (non-hex) character occurs after '\\u' inside string.",
        "'[\"\u00ff\"]'     | lexical error: invalid bytes in UTF8 string.",
        "'[\"\u00c3(\"]'    | lexical error: invalid bytes in UTF8 string.",
        "'/* c */ 1'        | lexical error: invalid char in json text."})
    void invalidDocumentsAreErrors(String body, String message) {
        assertThat(read(body).error()).isEqualTo("JSON parsing error: " + message);
    }

    @Test
    void valuesReadBeforeAnErrorStay() {
        ParsedBody parsed = read("{\"a\":1,\"b\":[2,");

        assertThat(parsed.arguments()).extracting(Field::name).containsExactly("json.a", "json.b.array_0");
        assertThat(parsed.error()).isEqualTo("JSON parsing error: parse error: premature EOF");
    }

    @Test
    void nestingPastTheDepthLimitIsAnError() {
        JsonProcessor three = new JsonProcessor(3);
        assertThat(read("[[{\"a\":1}]]", three).error()).isNull();
        assertThat(read("[[[[1]]]]", three).error()).isEqualTo("JSON parsing error: parse error: client cancelled"
                + " parse via callback return value. Parsing depth limit exceeded");

        assertThat(read("[".repeat(10_000) + "]".repeat(10_000)).error()).isNull();
        ParsedBody tooDeep = read("[".repeat(1_000_000));
        assertThat(tooDeep.error()).endsWith("Parsing depth limit exceeded");
        assertThatThrownBy(() -> new JsonProcessor(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesCannotOutgrowTheBodyByFar() {
        String deep = "[".repeat(10_000) + "1,".repeat(100_000) + "1" + "]".repeat(10_000);

        ParsedBody parsed = read(deep);

        assertThat(parsed.error()).startsWith("JSON parsing error: argument names longer than")
                .endsWith("bytes in all");
        assertThat(parsed.arguments().size()).as("arguments named before the budget ran out").isBetween(1, 1000);
        assertThat(parsed.arguments().get(0).name().length()).isEqualTo("json".length() + 10_000 * ".array_0".length());
    }

    @Test
    void largeFlatDocumentsAreRead() {
        String body = "{\"items\":[" + "{\"id\":1,\"tags\":[\"x\",\"y\"]},".repeat(50_000) + "{}]}";

        ParsedBody parsed = read(body);

        assertThat(parsed.error()).isNull();
        assertThat(parsed.arguments()).hasSize(150_000);
        assertThat(parsed.arguments().get(149_999)).isEqualTo(new Field("json.items.array_49999.tags.array_1", "y"));
    }
}
