package io.frontdesk.waf.engine.operator.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.frontdesk.support.ReferenceVectors;

/**
 * A pattern searched only at the positions its first bytes allow finds what a plain search finds:
 * the same first match, with the same groups, for every {@code @rx} pattern of both CRS releases
 * against the pieces of every CRS regression request, a mutation of each, random byte strings and a
 * third of libinjection's samples.
 */
class StartPositionsTest {

    private static final long SEED = 1204;

    /** A CRS pattern searched at chosen positions ({@link PcrePattern}) and plainly. */
    private record Searched(String pcre, PcrePattern positional, Pattern plain) {
    }

    private static List<Searched> searched;
    private static List<String> crsPieces;

    @BeforeAll
    static void loadCrs() throws IOException {
        Set<String> patterns = CrsCorpus.regexPatternsOfBothReleases();
        crsPieces = List.copyOf(CrsCorpus.requestPiecesOfBothReleases());
        searched = new ArrayList<>();
        for (String pcre : patterns) {
            PcreTranslator.Translation translation = PcreTranslator.translate(pcre);
            Pattern plain = Pattern.compile(translation.java(), PcreTranslator.JAVA_FLAGS);
            FirstBytes first = FirstBytes.of(plain, translation.java());
            if (first != null && first.positional()) {
                searched.add(new Searched(pcre, PcrePattern.compile(pcre), plain));
            }
        }
    }

    @Test
    void aMatchIsTriedOnlyWhereItsFirstByteMayStartOne() {
        FirstBytes union = first("(?i)\\bunion\\b");
        assertThat(union.nextStart("reunion, Union", 0)).isEqualTo(9);
        assertThat(union.nextStart("reunion", 0)).isEqualTo(-1);
        FirstBytes line = first("(?m)^select");
        assertThat(line.nextStart("a select\nselect", 0)).isEqualTo(9);
        assertThat(line.nextStart("select", 0)).isZero();
        FirstBytes quote = first("[\"'][ ]*or");
        assertThat(quote.nextStart("it's", 0)).isEqualTo(2);
        assertThat(quote.nextStart("it's", 3)).isEqualTo(-1);
        assertThat(first("\\Gselect").positional()).isFalse();
        FirstBytes command = first("(?i)(?:env|eval)\\s");
        assertThat(command.nextStart("the end", 0)).as("an e followed by a space starts nothing").isEqualTo(4);
        assertThat(command.nextStart("the e", 0)).as("the last byte has no second").isEqualTo(4);
        assertThat(command.nextStart(" eye ok", 0)).isEqualTo(-1);
    }

    @Test
    void mostCrsPatternsAreSearchedAtChosenPositions() {
        System.out.println(searched.size() + " distinct CRS @rx patterns searched at chosen positions");
        assertThat(searched.size()).isGreaterThan(300);
    }

    @TestFactory
    Stream<DynamicTest> findsWhatAPlainSearchFinds() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest("CRS regression requests", () -> assertSame(crsPieces)));
        tests.add(dynamicTest("mutated CRS payloads", () -> assertSame(ProofValues.mutations(crsPieces, 1, SEED))));
        tests.add(dynamicTest("random byte strings", () -> assertSame(ProofValues.randomStrings(2000, SEED))));
        List<String> samples = new ArrayList<>();
        try (Stream<Path> files = Files.list(ReferenceVectors.libinjection().resolve("data"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".txt")).sorted().toList()) {
                samples.addAll(ProofValues.samples(file));
            }
        }
        List<String> everyThird = IntStream.range(0, samples.size()).filter(i -> i % 3 == 0).mapToObj(samples::get).toList();
        tests.add(dynamicTest("libinjection samples, every third", () -> assertSame(everyThird)));
        return tests.stream();
    }

    private static void assertSame(List<String> values) {
        long compared = 0;
        long matches = 0;
        List<String> differences = new ArrayList<>();
        for (Searched pattern : searched) {
            for (String value : values) {
                List<String> expected;
                List<String> found;
                try {
                    expected = plainGroups(pattern.plain(), value);
                    found = pattern.positional().groups(value, 9);
                } catch (MatchLimitExceededException | StackOverflowError e) {
                    continue;
                }
                compared++;
                matches += expected == null ? 0 : 1;
                if (!Objects.equals(expected, found)) {
                    differences.add(pattern.pcre() + " on " + value + ": " + found + " instead of " + expected);
                }
            }
        }
        System.out.println(values.size() + " values x " + searched.size() + " patterns: " + compared + " compared, "
                + matches + " matches, " + differences.size() + " differences");
        assertThat(differences).as("searches at chosen positions that found something else").isEmpty();
        assertThat(matches).isPositive();
    }

    /** Groups 0 to 9 of the first match of a plain search, within the whole budget; null when there is none. */
    private static List<String> plainGroups(Pattern pattern, String value) {
        Matcher matcher = pattern.matcher(new BudgetedText(pattern.pattern()).reset(value, PcrePattern.budget(value.length())));
        if (!matcher.find()) {
            return null;
        }
        List<String> groups = new ArrayList<>();
        for (int group = 0; group <= Math.min(9, matcher.groupCount()); group++) {
            groups.add(matcher.group(group));
        }
        return groups;
    }

    private static FirstBytes first(String pcre) {
        PcreTranslator.Translation translation = PcreTranslator.translate(pcre);
        return FirstBytes.of(Pattern.compile(translation.java(), PcreTranslator.JAVA_FLAGS), translation.java());
    }
}
