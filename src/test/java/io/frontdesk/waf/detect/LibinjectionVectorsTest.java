package io.frontdesk.waf.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.frontdesk.support.ReferenceVectors;

/**
 * libinjection's own test vectors, each a dynamic test: the tokens of an input
 * ({@code test-tokens-*}), the tokens left after folding ({@code test-folding-*}), both read as
 * its test driver reads them (no quote context, ANSI dialect), and the fingerprint of the injection
 * found, or none ({@code test-sqli-*}). Tokens print as the driver prints them: the type's letter,
 * a blank and the value, a string with its quotes, a variable with its {@code @}s.
 */
class LibinjectionVectorsTest {

    @TestFactory
    Stream<DynamicTest> tokens() throws IOException {
        return vectors("test-tokens-", input -> {
            SqlTokenizer tokenizer = new SqlTokenizer(input, (char) 0, false);
            SqlToken token = new SqlToken();
            StringBuilder printed = new StringBuilder();
            while (tokenizer.next(token)) {
                print(token, printed);
            }
            return printed.toString();
        });
    }

    @TestFactory
    Stream<DynamicTest> folding() throws IOException {
        return vectors("test-folding-", input -> {
            SqlFolder folder = new SqlFolder();
            int count = folder.fold(new SqlTokenizer(input, (char) 0, false));
            StringBuilder printed = new StringBuilder();
            for (int i = 0; i < count; i++) {
                print(folder.token(i), printed);
            }
            return printed.toString();
        });
    }

    @TestFactory
    Stream<DynamicTest> sqli() throws IOException {
        return vectors("test-sqli-", input -> SqlInjectionDetector.detect(input).orElse(""));
    }

    private static Stream<DynamicTest> vectors(String prefix, Function<String, String> actual) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(ReferenceVectors.libinjection().resolve("tests"))) {
            files = listing.filter(file -> file.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
        assertThat(files).as("%s files", prefix).isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Vector vector = Vector.read(file);
            assertThat(rightTrimmed(actual.apply(vector.input()))).as("%s: %s", vector.title(), vector.input())
                    .isEqualTo(vector.expected());
        }));
    }

    private static void print(SqlToken token, StringBuilder out) {
        out.append(token.type().letter).append(' ');
        if (token.is(SqlTokenType.VARIABLE)) {
            out.append("@".repeat(token.atSigns()));
        }
        boolean quoted = token.is(SqlTokenType.STRING) || token.is(SqlTokenType.VARIABLE);
        if (quoted && token.openingQuote() != 0) {
            out.append(token.openingQuote());
        }
        out.append(token.value());
        if (quoted && token.closingQuote() != 0) {
            out.append(token.closingQuote());
        }
        out.append('\n');
    }

    /** Without the blanks, tabs and line ends at the end, which the driver strips from what it compares. */
    private static String rightTrimmed(String text) {
        int end = text.length();
        while (end > 0 && " \n\t\r".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(0, end);
    }

    /** A test file: {@code --TEST--}, a title, {@code --INPUT--}, the input, {@code --EXPECTED--}, the output. */
    private record Vector(String title, String input, String expected) {

        static Vector read(Path file) throws IOException {
            String[] sections = {"", "", ""};
            String[] markers = {"--TEST--\n", "--INPUT--\n", "--EXPECTED--\n"};
            int section = -1;
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            for (int start = 0; start < text.length();) {
                int newline = text.indexOf('\n', start);
                int end = newline < 0 ? text.length() : newline + 1;
                String line = text.substring(start, end);
                if (section + 1 < markers.length && line.equals(markers[section + 1])) {
                    section++;
                } else {
                    assertThat(section).as("%s: text before --TEST--", file).isNotNegative();
                    sections[section] += line;
                }
                start = end;
            }
            assertThat(section).as("%s: all three sections", file).isEqualTo(2);
            return new Vector(sections[0].strip(), rightTrimmed(sections[1]), rightTrimmed(sections[2]));
        }
    }
}
