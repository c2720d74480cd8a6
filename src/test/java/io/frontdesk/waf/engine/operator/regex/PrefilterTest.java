package io.frontdesk.waf.engine.operator.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.frontdesk.support.ReferenceVectors;

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
        patterns = List.copyOf(CrsCorpus.regexPatternsOfBothReleases());
        crsPieces = List.copyOf(CrsCorpus.requestPiecesOfBothReleases());
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
        tests.add(dynamicTest("mutated CRS payloads", () -> assertSound(ProofValues.mutations(crsPieces, 3, SEED))));
        tests.add(dynamicTest("random byte strings", () -> assertSound(ProofValues.randomStrings(5000, SEED))));
        Path data = ReferenceVectors.libinjection().resolve("data");
        try (Stream<Path> files = Files.list(data)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".txt")).sorted().toList()) {
                tests.add(dynamicTest("libinjection " + file.getFileName(), () -> assertSound(ProofValues.samples(file))));
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

    private static String java(String pcre) {
        return PcreTranslator.translate(pcre).java();
    }
}
