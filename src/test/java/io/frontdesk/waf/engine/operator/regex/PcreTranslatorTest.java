package io.frontdesk.waf.engine.operator.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each PCRE construct CRS uses (and its neighbours), translated and matched on byte strings by
 * both engines, against what PCRE gives with ModSecurity's options (8-bit, C-locale tables,
 * DOTALL, DOLLAR_ENDONLY): the expected text is PCRE's whole match, or null for none.
 */
class PcreTranslatorTest {

    static Stream<Arguments> constructs() {
        return Stream.of(
                // hexadecimal, octal and named character escapes; \x takes at most two digits
                Arguments.of("\\x{41}\\x42", "xAB", "AB"),
                Arguments.of("\\x4g", "\u0004g", "\u0004g"),
                Arguments.of("\\x{e9}", "caf\u00E9", "\u00E9"),
                Arguments.of("\\x{e9}", "caf\u00C3\u00A9", null),
                Arguments.of("\\101\\0\\012", "A\u0000\n", "A\u0000\n"),
                Arguments.of("[\\101-\\103]+", "xABCD", "ABC"),
                Arguments.of("\\e\\a\\cA\\ca\\t", "\u001B\u0007\u0001\u0001\t", "\u001B\u0007\u0001\u0001\t"),
                // a UTF-8 literal is its bytes; in a class each byte is a member
                Arguments.of("caf\u00C3\u00A9", "un caf\u00C3\u00A9", "caf\u00C3\u00A9"),
                Arguments.of("[^\u00E2\u0080\u0099]+", "a\u00E2\u0080\u0099b", "a"),
                // escaped punctuation is the character; letters and digits are not escaped
                Arguments.of("\\/\\<\\>\\#\\\"\\'\\%\\&\\~", "/<>#\"'%&~", "/<>#\"'%&~"),
                // POSIX classes inside brackets, ASCII only
                Arguments.of("[[:alpha:]]+", "12ab\u00E93", "ab"),
                Arguments.of("[[:^digit:][:space:]]+", "12a b\u000B3", "a b\u000B"),
                Arguments.of("[[:punct:]]+", "a!-/@b", "!-/@"),
                Arguments.of("[[:xdigit:]]+", "xfA0g", "fA0"),
                Arguments.of("[[:word:]]+", "-a_1-", "a_1"),
                Arguments.of("[[:alpha]", "a", "a"),
                Arguments.of("[[:alpha]", "[", "["),
                Arguments.of("[[:alpha]", "x", null),
                // inline options and their scope; ASCII case only, as the C locale has it
                Arguments.of("(?i)select", "SeLeCt", "SeLeCt"),
                Arguments.of("a(?i)b", "aB", "aB"),
                Arguments.of("a(?i)b", "AB", null),
                Arguments.of("(?i:a)b", "AB", null),
                Arguments.of("(a(?i)b)c", "aBC", null),
                Arguments.of("(a(?i)b|c)", "C", "C"),
                Arguments.of("(?i)\\x{e9}", "\u00C9", null),
                Arguments.of("(?i)caf\u00E9", "CAF\u00E9", "CAF\u00E9"),
                Arguments.of("(?i)[\\x{e0}-\\x{ef}]", "\u00C9", null),
                Arguments.of("(?i)[a\\x{e9}]+", "A\u00C9\u00E9", "A"),
                Arguments.of("(?i)[^\\x{e9}]", "\u00C9", "\u00C9"),
                Arguments.of("(?is)a.c", "A\nC", "A\nC"),
                // dot matches every byte (DOTALL), unless (?-s): then all but newline
                Arguments.of("a.c", "a\nc", "a\nc"),
                Arguments.of("(?-s)a.c", "a\nc", null),
                Arguments.of("(?-s)a.c", "a\rc", "a\rc"),
                Arguments.of("\\N", "\n\r", "\r"),
                // anchors: $ only at the very end (DOLLAR_ENDONLY), \Z also before a final newline
                Arguments.of("a$", "a\n", null),
                Arguments.of("a$", "ba", "a"),
                Arguments.of("a\\Z", "a\n", "a"),
                Arguments.of("a\\Z", "a\n\n", null),
                Arguments.of("a\\Z", "a\r\n", null),
                Arguments.of("a\\z", "a\n", null),
                Arguments.of("\\Aa", "ba", null),
                Arguments.of("^b", "a\nb", null),
                Arguments.of("(?m)^b$", "a\nb\nc", "b"),
                Arguments.of("(?m)a$", "a\u0085", null),
                // possessive quantifiers and atomic groups do not give back
                Arguments.of("a++a", "aaa", null),
                Arguments.of("\\s*+;", "  ;", "  ;"),
                Arguments.of("a{1,2}+a", "aa", null),
                Arguments.of("(?>a+)a", "aaa", null),
                Arguments.of("(?>ab|a)c", "abc", "abc"),
                Arguments.of("a+?", "aaa", "a"),
                // lookaround and back references, numbered, named, relative
                Arguments.of("<\\?(?!xml)", "<?xml <?php", "<?"),
                Arguments.of("(?<!&(?:[aA]uml))x", "&aumlx x", "x"),
                Arguments.of("(a)\\1", "aa", "aa"),
                Arguments.of("(a)\\10", "a\b", "a\b"),
                Arguments.of("(a)\\g{1}0", "aa0", "aa0"),
                Arguments.of("\\1(a)", "a", null),
                Arguments.of("(?P<w>ab)(?P=w)", "xabab", "abab"),
                Arguments.of("(?<w>ab)\\k<w>\\k'w'\\k{w}\\g{w}", "ababababab", "ababababab"),
                Arguments.of("(x)(y)\\g{-2}\\g1\\g-1", "xyxxy", "xyxxy"),
                // \Q...\E quotes, inside classes too, and to the end when \E is missing
                Arguments.of("\\Qa.b*\\E+", "a.b**", "a.b**"),
                Arguments.of("x\\Qa.b", "xa.b", "xa.b"),
                Arguments.of("[\\Q]\\E]", "]", "]"),
                Arguments.of("a\\Eb", "ab", "ab"),
                // horizontal and vertical white space, line breaks
                Arguments.of("a\\hb", "a\u00A0b", "a\u00A0b"),
                Arguments.of("a\\hb", "a\nb", null),
                Arguments.of("\\v+", "a\n\u000B\f\r\u0085b", "\n\u000B\f\r\u0085"),
                Arguments.of("[\\v]", " ", null),
                Arguments.of("\\H\\V", "\n ", "\n "),
                Arguments.of("\\R", "x\r\n", "\r\n"),
                // \s, \w, \d and word boundaries are ASCII; \s has the vertical tab
                Arguments.of("\\s", "\u000B", "\u000B"),
                Arguments.of("[\\s]", "\u000B", "\u000B"),
                Arguments.of("\\s", "\u00A0\u0085", null),
                Arguments.of("\\S+", " ab\u00A0 ", "ab\u00A0"),
                Arguments.of("\\w+", "\u00E9t\u00E9", "t"),
                Arguments.of("\\bx", "\u00E9x", "x"),
                Arguments.of("\\Bx", "\u00E9x", null),
                Arguments.of("x\\B", "x\u00E9", null),
                Arguments.of("\\bselect\\b", "reselect select", "select"),
                // classes: ] first is a member, [ is a member, && is no intersection, hyphens
                Arguments.of("[]a]+", "x]a]", "]a]"),
                Arguments.of("[^]a]", "]ab", "b"),
                Arguments.of("[[]", "[", "["),
                Arguments.of("[a&&b]+", "x&a", "&a"),
                Arguments.of("[a-]+", "x-a", "-a"),
                Arguments.of("[\\w-]+", "x-y!", "x-y"),
                Arguments.of("[%--]+", "a,-%", ",-%"),
                Arguments.of("[<->]", "a=", "="),
                Arguments.of("[a-z-0]+", "A0-b", "0-b"),
                Arguments.of("[\\b]", "\b", "\b"),
                Arguments.of("[\\]\\\\^]+", "x]\\^", "]\\^"),
                Arguments.of("[\\x5c\\]{}]+", "a\\]{}", "\\]{}"),
                // braces that are no quantifier are literals
                Arguments.of("a{2}", "aaa", "aa"),
                Arguments.of("a{2,}b", "aaab", "aaab"),
                Arguments.of("a{,2}", "a{,2}", "a{,2}"),
                Arguments.of("x{y", "x{y", "x{y"),
                Arguments.of("{", "{", "{"),
                // extended mode drops spacing and comments outside classes only
                Arguments.of("(?x) a b # comment\n c", "abc", "abc"),
                Arguments.of("(?x)a[ ]b", "a b", "a b"),
                Arguments.of("(?x:a b)c d", "abc d", "abc d"),
                Arguments.of("a(?#comment)b", "ab", "ab"),
                Arguments.of("", "x", ""));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("constructs")
    void bothEnginesMatchAsPcreDoes(String pcre, String subject, String expected) {
        PcreTranslator.Translation translation = PcreTranslator.translate(pcre);
        Matcher backtracking = Pattern.compile(translation.java(), PcreTranslator.JAVA_FLAGS).matcher(subject);
        assertThat(backtracking.find() ? backtracking.group() : null).as("java.util.regex on " + translation.java())
                .isEqualTo(expected);
        if (translation.re2() != null) {
            com.google.re2j.Matcher re2 = com.google.re2j.Pattern.compile(translation.re2(), PcreTranslator.RE2_FLAGS)
                    .matcher(subject);
            assertThat(re2.find() ? re2.group() : null).as("RE2/J on " + translation.re2()).isEqualTo(expected);
        }
        assertThat(PcrePattern.compile(pcre).matches(subject)).isEqualTo(expected != null);
    }

    @Test
    void whatRe2CannotExpressIsLeftToTheBacktrackingEngine() {
        assertThat(PcrePattern.compile("(?i)\\bunion[\\s\\x0b]+select\\b").linear()).isTrue();
        assertThat(PcrePattern.compile("(?i)[\\x{e0}-\\x{ef}]").linear()).isTrue();
        assertThat(PcrePattern.compile("a{1001}").linear()).isFalse();
        for (String pcre : new String[] {"(a)\\1", "a(?=b)", "(?<!a)b", "(?>a)", "a++", "a\\Z", "\\h", "(?m)^a",
                "(?i)[a\\x{e9}]"}) {
            assertThat(PcrePattern.compile(pcre).linear()).as(pcre).isFalse();
        }
    }

    @Test
    void groupsAreNumberedAsInPcreAndThoseThatTookNoPartAreNull() {
        assertThat(PcrePattern.compile("(?P<a>x)|(y)(z)?").groups("y", 9)).containsExactly("y", null, "y", null);
        assertThat(PcrePattern.compile("(?P<a>x)(?=(y))").groups("xy", 1)).containsExactly("x", "x");
        assertThat(PcrePattern.compile("q").groups("x", 9)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"(?R)", "(?1)", "(?&n)", "(?P>n)", "(?(1)a|b)", "(?|a)", "(*UTF)a", "a\\K", "\\p{L}",
            "\\X", "\\i", "(?U)a", "(?J)a", "\\x{100}", "\u0100", "(a", "a)", "[a", "[z-a]", "[a-\\d]", "\\2(a)",
            "(?<1a>x)", "(?<n>x)(?<n>y)", "\\k<n>", "\\", "\\c", "\\400", "[[:alfa:]]", "\\o1", "[\\8]"})
    void whatPcreRejectsOrJavaCannotDoIsRefused(String pcre) {
        assertThatThrownBy(() -> PcreTranslator.translate(pcre)).isInstanceOf(PatternSyntaxException.class);
    }

    @Test
    void refusalsSayWhereAndWhy() {
        assertThatThrownBy(() -> PcrePattern.compile("ab(?(1)c)")).isInstanceOfSatisfying(PatternSyntaxException.class,
                e -> {
                    assertThat(e.getIndex()).isEqualTo(2);
                    assertThat(e.getDescription()).isEqualTo("conditional groups are not supported");
                });
        assertThatThrownBy(() -> PcrePattern.compile("a**"))
                .hasMessageContaining("java.util.regex rejects the translation");
    }
}
