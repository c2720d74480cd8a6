package io.frontdesk.waf.engine.operator.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.frontdesk.support.ReferenceVectors;
import io.frontdesk.waf.conformance.ftw.CrsReleases;
import io.frontdesk.waf.engine.transform.Transformations;

/**
 * The prefilter never turns away a value its pattern matches: for every {@code @rx} pattern of both
 * CRS releases that has atoms, against the pieces of every CRS regression request, libinjection's
 * samples, random byte strings and mutations of the CRS payloads, each value the prefilter rejects is
 * searched for in full, and found in none.
 */
class PrefilterTest {

    private static final long SEED = 16;

    /** A CRS pattern with atoms, and what decides whether it matches. */
    private record Prefiltered(String pcre, Pattern pattern, com.google.re2j.Pattern linear, Prefilter prefilter) {

        /** Whether the pattern matches, or may (a search that gives up counts as a match). */
        boolean mayFind(String value) {
            try {
                return pattern.matcher(new BudgetedText(pcre).reset(value, PcrePattern.budget(value.length()))).find();
            } catch (MatchLimitExceededException | StackOverflowError e) {
                return linear == null || linear.matcher(value).find();
            }
        }
    }

    private static List<String> patterns;
    private static List<Prefiltered> prefiltered;
    private static List<String> crsPieces;

    @BeforeAll
    static void loadCrs() throws IOException {
        Set<String> all = new LinkedHashSet<>();
        Set<String> pieces = new LinkedHashSet<>();
        for (String release : List.of(CrsReleases.V4, CrsReleases.V3)) {
            all.addAll(CrsCorpus.regexPatterns(release));
            pieces.addAll(CrsCorpus.requestPieces(release, Integer.MAX_VALUE));
        }
        patterns = List.copyOf(all);
        crsPieces = List.copyOf(pieces);
        prefiltered = new ArrayList<>();
        for (String pcre : patterns) {
            PcreTranslator.Translation translation = PcreTranslator.translate(pcre);
            Prefilter prefilter = Prefilter.of(translation.java());
            if (prefilter != null) {
                com.google.re2j.Pattern linear = translation.re2() == null ? null
                        : com.google.re2j.Pattern.compile(translation.re2(), PcreTranslator.RE2_FLAGS);
                prefiltered.add(new Prefiltered(pcre, Pattern.compile(translation.java(), PcreTranslator.JAVA_FLAGS),
                        linear, prefilter));
            }
        }
    }

    @Test
    void valuesWithoutTheAtomsAreRejected() {
        Prefilter union = Prefilter.of(java("(?i)\\bunion\\b.{1,100}?\\bselect\\b"));
        assertThat(union.mayMatch("1 UNION all SELECT 2")).isTrue();
        assertThat(union.mayMatch("union members")).isFalse();
        assertThat(union.mayMatch("select a union")).isTrue();
        Prefilter events = Prefilter.of(java("on(?:load|error)\\s*="));
        assertThat(events.mayMatch("<img ONERROR =x>")).isTrue();
        assertThat(events.mayMatch("onload")).isFalse();
        assertThat(Prefilter.of(java("[a-z]+"))).isNull();
    }

    @Test
    void mostCrsPatternsHaveAtoms() {
        System.out.println(prefiltered.size() + " of " + patterns.size() + " distinct CRS @rx patterns have atoms; "
                + crsPieces.size() + " pieces of CRS regression requests");
        assertThat(prefiltered.size()).isGreaterThan(patterns.size() / 2);
    }

    @TestFactory
    Stream<DynamicTest> neverRejectsAValueThePatternMatches() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest("CRS regression requests", () -> assertSound(crsPieces)));
        tests.add(dynamicTest("mutated CRS payloads", () -> assertSound(mutations(crsPieces))));
        tests.add(dynamicTest("random byte strings", () -> assertSound(randomStrings())));
        Path data = ReferenceVectors.libinjection().resolve("data");
        try (Stream<Path> files = Files.list(data)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".txt")).sorted().toList()) {
                tests.add(dynamicTest("libinjection " + file.getFileName(), () -> assertSound(samples(file))));
            }
        }
        return tests.stream();
    }

    private static void assertSound(List<String> values) {
        long rejected = 0;
        long matches = 0;
        List<String> lost = new ArrayList<>();
        for (Prefiltered pattern : prefiltered) {
            for (String value : values) {
                boolean passed = pattern.prefilter().mayMatch(value);
                rejected += passed ? 0 : 1;
                if (pattern.mayFind(value)) {
                    matches++;
                    if (!passed) {
                        lost.add(pattern.pcre() + " (requires " + pattern.prefilter() + ") matches " + value);
                    }
                }
            }
        }
        System.out.println(values.size() + " values x " + prefiltered.size() + " patterns: " + matches
                + " matches, " + rejected + " searches rejected, " + lost.size() + " of them a match");
        assertThat(lost).as("values the prefilter rejects and the pattern matches").isEmpty();
        assertThat(rejected).isPositive();
    }

    /** The lines of a libinjection sample file, URL-decoded, without its comments. */
    private static List<String> samples(Path file) throws IOException {
        List<String> samples = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                samples.add(Transformations.named("urlDecodeUni").apply(line));
            }
        }
        return samples;
    }

    /** Each piece changed at random three times: case flipped, a byte dropped, inserted, replaced or a stretch doubled. */
    private static List<String> mutations(List<String> pieces) {
        Random random = new Random(SEED);
        List<String> mutated = new ArrayList<>();
        for (String piece : pieces) {
            for (int round = 0; round < 3; round++) {
                mutated.add(mutation(random, piece));
            }
        }
        return mutated;
    }

    private static String mutation(Random random, String piece) {
        StringBuilder text = new StringBuilder(piece);
        for (int edits = 1 + random.nextInt(3); edits > 0 && text.length() > 0; edits--) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(5)) {
                case 0 -> {
                    char c = text.charAt(at);
                    text.setCharAt(at, Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
                }
                case 1 -> text.deleteCharAt(at);
                case 2 -> text.insert(at, randomByte(random));
                case 3 -> text.setCharAt(at, randomByte(random));
                default -> {
                    int end = Math.min(text.length(), at + 1 + random.nextInt(8));
                    text.insert(end, text.substring(at, end));
                }
            }
        }
        return text.toString();
    }

    private static List<String> randomStrings() {
        Random random = new Random(SEED);
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(80); length > 0; length--) {
                text.append(randomByte(random));
            }
            strings.add(text.toString());
        }
        return strings;
    }

    /** Mostly printable ASCII, sometimes any byte. */
    private static char randomByte(Random random) {
        return (char) (random.nextInt(4) == 0 ? random.nextInt(256) : 0x20 + random.nextInt(0x5F));
    }

    private static String java(String pcre) {
        return PcreTranslator.translate(pcre).java();
    }
}
