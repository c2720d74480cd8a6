package io.frontdesk.waf.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.frontdesk.support.ReferenceVectors;

/**
 * libinjection's sample collections, held to the thresholds its own build holds it to: of the SQL
 * injections in {@code data/sqli-*.txt}, at most 18 missed; of the innocent inputs in
 * {@code data/false_*.txt}, at most 21 taken for injections. Each line is a URL-encoded input, read
 * as libinjection's sample reader reads it: blanks and line ends cut from its end, blank lines and
 * lines starting with {@code #} skipped, {@code +} a space, {@code %XX} a byte.
 */
class LibinjectionSamplesTest {

    @Test
    void injectionSamplesAreDetected() throws IOException {
        List<String> missed = new ArrayList<>();
        List<String> samples = samples("sqli-");
        for (String sample : samples) {
            if (SqlInjectionDetector.detect(sample).isEmpty()) {
                missed.add(sample);
            }
        }
        System.out.printf("libinjection SQL injection samples: %d of %d detected, %d missed%n",
                samples.size() - missed.size(), samples.size(), missed.size());
        missed.forEach(sample -> System.out.println("  missed: " + sample));
        assertThat(samples).hasSizeGreaterThan(1000);
        assertThat(missed).hasSizeLessThanOrEqualTo(18);
    }

    @Test
    void innocentSamplesPass() throws IOException {
        List<String> flagged = new ArrayList<>();
        List<String> samples = samples("false_");
        for (String sample : samples) {
            SqlInjectionDetector.detect(sample).ifPresent(fingerprint -> flagged.add(fingerprint + "  " + sample));
        }
        System.out.printf("libinjection false positive samples: %d of %d flagged%n", flagged.size(), samples.size());
        flagged.forEach(sample -> System.out.println("  flagged: " + sample));
        assertThat(samples).hasSizeGreaterThan(100);
        assertThat(flagged).hasSizeLessThanOrEqualTo(21);
    }

    private static List<String> samples(String prefix) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(ReferenceVectors.libinjection().resolve("data"))) {
            files = listing.filter(file -> file.getFileName().toString().startsWith(prefix)
                    && file.getFileName().toString().endsWith(".txt")).sorted().toList();
        }
        List<String> samples = new ArrayList<>();
        for (Path file : files) {
            for (String line : Files.readString(file, StandardCharsets.ISO_8859_1).split("\n")) {
                String trimmed = line.replaceFirst("[ \t\r\n]+$", "");
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    samples.add(urlDecoded(trimmed));
                }
            }
        }
        return samples;
    }

    private static String urlDecoded(String line) {
        StringBuilder decoded = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            int high = i + 2 < line.length() ? Character.digit(line.charAt(i + 1), 16) : -1;
            int low = i + 2 < line.length() ? Character.digit(line.charAt(i + 2), 16) : -1;
            if (c == '+') {
                decoded.append(' ');
            } else if (c == '%' && high >= 0 && low >= 0) {
                decoded.append((char) (high << 4 | low));
                i += 2;
            } else {
                decoded.append(c);
            }
        }
        return decoded.toString();
    }
}
