package io.frontdesk.waf.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.frontdesk.support.ReferenceVectors;

/**
 * The tokenizer against libinjection's HTML5 test vectors ({@code tests/test-html5-*.txt}), each a
 * test of its own, and on inputs that start inside an attribute value.
 */
class Html5TokenizerTest {

    /** A vector file: {@code --TEST--}, {@code --INPUT--} and {@code --EXPECTED--} sections. */
    private record Vector(String name, String input, String expected) {

        static Vector read(Path file) throws IOException {
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            int input = text.indexOf("--INPUT--\n");
            int expected = text.indexOf("--EXPECTED--\n", input);
            assertThat(text).as(file.toString()).startsWith("--TEST--\n");
            assertThat(input).as(file.toString()).isPositive();
            assertThat(expected).as(file.toString()).isPositive();
            return new Vector(file.getFileName() + ": " + text.substring(9, input).strip(),
                    trimEnd(text.substring(input + 10, expected)), trimEnd(text.substring(expected + 13)));
        }
    }

    /** As libinjection's test driver trims input and outputs: blanks and line ends at the end. */
    private static String trimEnd(String text) {
        int end = text.length();
        while (end > 0 && " \t\r\n".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(0, end);
    }

    /** The tokens, a line each, as the driver prints them: type, length, text. */
    private static String printed(String input, Html5Start start) {
        StringBuilder out = new StringBuilder();
        Html5Tokenizer tokens = new Html5Tokenizer(input, start);
        while (tokens.next()) {
            out.append(tokens.tokenType()).append(',').append(tokens.tokenLength()).append(',')
                    .append(input, tokens.tokenStart(), tokens.tokenStart() + tokens.tokenLength()).append('\n');
        }
        return trimEnd(out.toString());
    }

    /** The driver reads every vector from text, where the tokenizer starts in data. */
    @TestFactory
    Stream<DynamicTest> libinjectionHtml5Vectors() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(ReferenceVectors.libinjection().resolve("tests"))) {
            files = listing.filter(file -> file.getFileName().toString().matches("test-html5-.*\\.txt")).sorted()
                    .toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(file -> {
            try {
                return Vector.read(file);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).map(vector -> DynamicTest.dynamicTest(vector.name(),
                () -> assertThat(printed(vector.input(), Html5Start.DATA)).isEqualTo(vector.expected())));
    }

    @Test
    void anUnquotedValueGoesOnAsTheTagsAttributes() {
        assertThat(printed("x onload=alert(1)>", Html5Start.VALUE_NO_QUOTE)).isEqualTo("""
                ATTR_NAME,1,x
                ATTR_NAME,6,onload
                ATTR_VALUE,8,alert(1)
                TAG_NAME_CLOSE,1,>""");
    }

    @Test
    void aQuotedValueEndsAtItsOwnQuoteOnly() {
        String input = "a'b\"c`d e=f";
        assertThat(printed(input, Html5Start.VALUE_SINGLE_QUOTE))
                .isEqualTo("ATTR_VALUE,1,a\nATTR_NAME,5,b\"c`d\nATTR_NAME,1,e\nATTR_VALUE,1,f");
        assertThat(printed(input, Html5Start.VALUE_DOUBLE_QUOTE))
                .isEqualTo("ATTR_VALUE,3,a'b\nATTR_NAME,3,c`d\nATTR_NAME,1,e\nATTR_VALUE,1,f");
        assertThat(printed(input, Html5Start.VALUE_BACK_QUOTE))
                .isEqualTo("ATTR_VALUE,5,a'b\"c\nATTR_NAME,1,d\nATTR_NAME,1,e\nATTR_VALUE,1,f");
    }

    @Test
    void oldBrowsersQuirksAreKept() {
        assertThat(printed("<scr\0ipt\u000bsrc=`x`/>", Html5Start.DATA))
                .isEqualTo("TAG_NAME_OPEN,7,scr\0ipt\nATTR_NAME,3,src\nATTR_VALUE,1,x\nTAG_NAME_SELFCLOSE,2,/>");
        assertThat(printed("<% x %><!--a-\0->b", Html5Start.DATA))
                .isEqualTo("TAG_COMMENT,3, x \nTAG_COMMENT,1,a\nDATA_TEXT,1,b");
    }
}
