package io.frontdesk.waf.engine.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each transformation on inputs of the kind attacks use, against what ModSecurity makes of them. */
class TransformationsTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("none", "AbC", "AbC"),
                Arguments.of("lowercase", "SeLeCT \u00C0", "select \u00C0"),
                Arguments.of("uppercase", "select", "SELECT"),
                Arguments.of("urlDecode", "a%20b+c%2x%", "a b c%2x%"),
                Arguments.of("urlDecode", "%u0041", "%u0041"),
                Arguments.of("urlDecodeUni", "%u0041%uff1c%27", "A<'"),
                Arguments.of("urlDecodeUni", "%c0%af", "\u00C0\u00AF"),
                Arguments.of("urlEncode", "a b<", "a+b%3c"),
                Arguments.of("urlEncode", "a-b._*", "a%2db%2e%5f*"),
                Arguments.of("removeNulls", "a\0b\0", "ab"),
                Arguments.of("replaceNulls", "a\0b", "a b"),
                Arguments.of("removeWhitespace", " s e\tl\u00A0e\n", "sele"),
                Arguments.of("compressWhitespace", "a \t\n b\u00A0\u00A0c", "a b c"),
                Arguments.of("trim", " \t a b \n", "a b"),
                Arguments.of("trimLeft", "  a ", "a "),
                Arguments.of("trimRight", "  a ", "  a"),
                Arguments.of("length", "abcd", "4"),
                Arguments.of("hexEncode", "A\u00FF", "41ff"),
                Arguments.of("hexDecode", "414243z", "ABC"),
                Arguments.of("hexDecode", "0z", "#"),
                Arguments.of("sqlHexDecode", "select 0x414243 from", "select ABC from"),
                Arguments.of("base64Decode", "c2VsZWN0IDE=", "select 1"),
                Arguments.of("base64Decode", "c2Vs!ZWN0", "sel"),
                Arguments.of("base64DecodeExt", "c2Vs.ZWN0", "select"),
                Arguments.of("base64Encode", "select", "c2VsZWN0"),
                Arguments.of("utf8toUnicode", "a\u00C3\u00A9\u00E2\u0082\u00AC\u00FF", "a%u00e9%u20ac\u00FF"),
                Arguments.of("normalizePath", "/a//b/./c/../d/", "/a/b/d/"),
                Arguments.of("normalizePath", "/../../etc/passwd", "/etc/passwd"),
                Arguments.of("normalizePath", "../../etc/passwd", "../../etc/passwd"),
                Arguments.of("normalizePathWin", "C:\\a\\..\\b\\.\\c", "C:/b/c"),
                Arguments.of("htmlEntityDecode", "&lt;script&gt;&#x61;&#98&quot;&nbsp;&bogus;", "<script>ab\"\u00A0&bogus;"),
                Arguments.of("htmlEntityDecode", "&#0000123;&#000000000123;&#x00000000007b", "{{{"),
                Arguments.of("htmlEntityDecode", "&#x24;&#" + "0".repeat(48) + "123;jndi:", "${jndi:"),
                Arguments.of("htmlEntityDecode", "&#99999999999999999999999;", "\u00FF"),
                Arguments.of("jsDecode", "\\x3cscript\\u003e\\141\\n\\q", "<script>a\nq"),
                Arguments.of("jsDecode", "\\uff1c", "<"),
                Arguments.of("cssDecode", "\\3c \\000041b\\\nc\\z", "<Abcz"),
                Arguments.of("escapeSeqDecode", "\\x41\\102\\t\\q", "AB\tq"),
                Arguments.of("cmdLine", "C^a\"t /E'T,C;  (x)", "cat/et c(x)"),
                Arguments.of("removeComments", "se/*x*/lect<!--y-->1 -- rest", "select1 "),
                Arguments.of("removeComments", "a#b", "a"),
                Arguments.of("replaceComments", "se/*x*/lect--1", "se lect--1"),
                Arguments.of("removeCommentsChar", "se/*x*/le--ct#", "sexlect"));
    }

    @ParameterizedTest(name = "{0}({1})")
    @MethodSource("cases")
    void transforms(String name, String input, String expected) {
        assertThat(Transformations.named(name).apply(input)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("digests")
    void digestsAreRawBytes(String name, String hex) {
        assertThat(Transformations.named("hexEncode").apply(Transformations.named(name).apply("abc"))).isEqualTo(hex);
    }

    static Stream<Arguments> digests() {
        return Stream.of(Arguments.of("sha1", "a9993e364706816aba3e25717850c26c9cd0d89d"),
                Arguments.of("md5", "900150983cd24fb0d6963f7d28e17f72"));
    }
}
