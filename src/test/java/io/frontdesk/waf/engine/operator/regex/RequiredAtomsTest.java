package io.frontdesk.waf.engine.operator.regex;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The atoms the analysis requires of hand-written patterns, and where it must ask for nothing. */
class RequiredAtomsTest {

    private static String required(String pcre) {
        return RequiredAtoms.of(PcreTranslator.translate(pcre).java()).toString();
    }

    @ParameterizedTest(name = "{0} requires {1}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
        "abc                      => \"abc\"",
        "ABC                      => \"abc\"",
        "(?i)SeLeCt               => \"select\"",
        "abc|def                  => OR[\"abc\", \"def\"]",
        "ab?c                     => OR[\"abc\", \"ac\"]",
        "foo.*bar                 => AND[\"foo\", \"bar\"]",
        "foo(?:bar)?baz           => OR[\"foobarbaz\", \"foobaz\"]",
        "x(?:abc)*y               => AND[\"x\", \"y\"]",
        "(?:ab){2,3}              => \"abab\"",
        "\\.{2,3}/                  => \"../\"",
        "a{2,}b                   => AND[\"aa\", \"b\"]",
        "x[ab]{2}                 => OR[\"xaa\", \"xab\", \"xba\", \"xbb\"]",
        "[0-9]{1,3}\\.            => AND[OR[\"0\", \"1\", \"2\", \"3\", \"4\", \"5\", \"6\", \"7\", \"8\", \"9\"], \".\"]",
        "(?:ab){0,3}c             => \"c\"",
        "(?:ab)+?c                => AND[\"ab\", \"c\"]",
        "[ab]c                    => OR[\"ac\", \"bc\"]",
        "(?i)[A-C]x               => OR[\"ax\", \"bx\", \"cx\"]",
        "[a-z]+=                  => \"=\"",
        "[^a]x                    => \"x\"",
        "\\x5c\\x5c               => \"\\\\\"",
        "\\xe9t\\xC9              => \"\u00e9t\u00c9\"",
        "\\Qa.b\\E                => \"a.b\"",
        "(?x) a b # comment       => \"ab\"",
        "(a)\\1                   => \"a\"",
        "(['\"])x\\1              => OR[\"\"x\", \"'x\"]",
        "(?=abc)d                 => \"d\"",
        "(?<!ab)cd(?!ef)          => \"cd\"",
        "\\bunion\\b              => \"union\"",
        "^(?:GET|HEAD)$           => OR[\"get\", \"head\"]",
        "(?:a(?:b|c)d|e)f         => OR[\"abdf\", \"acdf\", \"ef\"]",
        "(?:union|select).+from   => AND[OR[\"union\", \"select\"], \"from\"]",
        "(?>abc)                  => \"abc\"",
        "a(?i:b)c                 => \"abc\"",
        "on(?:load|error)\\s*=    => AND[OR[\"onload\", \"onerror\"], \"=\"]",
        "(?:a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q)x => AND[OR[\"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", \"h\", \"i\", \"j\", \"k\", \"l\", \"m\", \"n\", \"o\", \"p\", \"q\"], \"x\"]",
        "abcd|bc                  => \"bc\"",
        "a\\hb                    => AND[\"a\", \"b\"]",
    })
    void atomsOfAPattern(String pcre, String requirement) {
        assertThat(required(pcre.strip())).isEqualTo(requirement.strip());
    }

    @ParameterizedTest(name = "{0} asks for nothing")
    @ValueSource(strings = {
        "a?", "a*", "(?:abc)*", "(?:abc){0,2}", ".", "\\w+", "\\d*", "[^x]", "^$", "\\b", "(?=abc)",
        "(?<=abc)", "(a)?\\1", "abc|.", "abc|", "(?:abc|def)?", "[\\x00-\\xff]", "\\S", "\\R"
    })
    void patternsWithoutAtomsAskForNothing(String pcre) {
        assertThat(required(pcre)).isEqualTo("NONE");
    }
}
