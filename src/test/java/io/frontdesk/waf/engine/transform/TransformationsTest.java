package io.frontdesk.waf.engine.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
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
                Arguments.of("cmdLine", "a (b ", "a(b "),
                Arguments.of("compressWhitespace", "a b ", "a b "),
                Arguments.of("compressWhitespace", "a\u00A0", "a "),
                Arguments.of("removeCommentsChar", "a-b*c/d", "a-b*c/d"),
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

    @ParameterizedTest(name = "{0}({1})")
    @MethodSource("unchanged")
    void aValueLeftAsItIsIsNotCopied(String name, String input) {
        assertThat(Transformations.named(name).apply(input)).isSameAs(input);
    }

    static Stream<Arguments> unchanged() {
        return Stream.of(Arguments.of("lowercase", "select 1"), Arguments.of("urlDecodeUni", "a-b.c"),
                Arguments.of("cmdLine", "cat etc/passwd "), Arguments.of("compressWhitespace", " a b "),
                Arguments.of("removeWhitespace", "a-b"), Arguments.of("removeCommentsChar", "a-b*c/d"),
                Arguments.of("htmlEntityDecode", "a;b"), Arguments.of("jsDecode", "a/b"),
                Arguments.of("utf8toUnicode", "abc"), Arguments.of("trim", "a b"));
    }

    /**
     * Transformations that hand back a value they would not change: on random values, the answer
     * is the one they give when a byte at the end makes them work through the value (a byte whose
     * effect is known and touches nothing before it).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("forcingSuffixes")
    void handingBackAValueChangesNoAnswer(String name, String suffix, String suffixBecomes) {
        Transformation transformation = Transformations.named(name);
        Random random = new Random(16);
        String alphabet = "aZ -+%2(/*#^,;\t\u00A0\\";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder value = new StringBuilder();
            for (int length = random.nextInt(8); length > 0; length--) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String input = value.toString();
            assertThat(transformation.apply(input) + suffixBecomes).as(input)
                    .isEqualTo(transformation.apply(input + suffix));
        }
    }

    static Stream<Arguments> forcingSuffixes() {
        return Stream.of(Arguments.of("lowercase", "A", "a"), Arguments.of("urlDecode", "+", " "),
                Arguments.of("cmdLine", "^", ""), Arguments.of("removeWhitespace", "\t", ""),
                Arguments.of("removeCommentsChar", "#", ""));
    }

    static Stream<Arguments> digests() {
        return Stream.of(Arguments.of("sha1", "a9993e364706816aba3e25717850c26c9cd0d89d"),
                Arguments.of("md5", "900150983cd24fb0d6963f7d28e17f72"));
    }
}
