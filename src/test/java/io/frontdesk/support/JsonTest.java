package io.frontdesk.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTest {

    private static String string(CharSequence value) {
        return Json.string(new StringBuilder(), value).toString();
    }

    @Test
    void aPlainValueIsQuotedAsItIs() {
        assertThat(string("/catalogue/books?page=2")).isEqualTo("\"/catalogue/books?page=2\"");
        assertThat(string("")).isEqualTo("\"\"");
        assertThat(string(null)).isEqualTo("null");
    }

    @Test
    void quotesBackslashesAndControlCharactersAreEscapedWhereverTheyStand() {
        assertThat(string("\"a\\b\"")).isEqualTo("\"\\\"a\\\\b\\\"\"");
        assertThat(string("line\nnext\r\ttab")).isEqualTo("\"line\\nnext\\r\\ttab\"");
        assertThat(string("\u0000x\u001f")).isEqualTo("\"\\u0000x\\u001f\"");
    }

    @Test
    void lineAndParagraphSeparatorsAreEscapedForJavaScriptReaders() {
        assertThat(string("a\u2028b\u2029")).isEqualTo("\"a\\u2028b\\u2029\"");
    }

    @Test
    void otherCharactersPassUnescaped() {
        assertThat(string("café ☕ é")).isEqualTo("\"café ☕ é\"");
    }

    @Test
    void fieldsAreSeparatedByCommasAfterTheFirst() {
        StringBuilder out = new StringBuilder("{");
        Json.field(out, "path", "/a\"b");
        Json.field(out, "status", 200);
        assertThat(out.append('}').toString()).isEqualTo("{\"path\":\"/a\\\"b\",\"status\":200}");
    }
}
