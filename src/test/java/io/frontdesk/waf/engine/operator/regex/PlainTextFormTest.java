package io.frontdesk.waf.engine.operator.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.frontdesk.support.ReferenceVectors;

/**
 * A pattern's plain text form finds, on plain text, the very match the pattern finds, and so does
 * the engine, which takes it there with its first bytes, prefilter and shared scan: for every
 * {@code @rx} pattern of both CRS releases that has one, on the CRS regression requests and their
 * mutations and libinjection's samples (the first {@value #SAMPLES_PER_FILE} of each file), made
 * plain (the other bytes dropped, and turned into spaces), and random plain strings.
 */
class PlainTextFormTest {

    private static final long SEED = 16;
    /** The samples taken of each libinjection file, to keep the test within seconds. */
    private static final int SAMPLES_PER_FILE = 500;
    private static final String NONE = "no match";
    private static final String PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-_:/@";

    /** A CRS pattern with a plain text form: the whole pattern alone, and as the engine runs it. */
    private record Rewritten(String pcre, Pattern whole, PcrePattern compiled) {
    }

    private static List<Rewritten> rewritten;
    private static SharedScan scan;
    private static int patterns;
    private static List<String> crsPieces;

    @BeforeAll
    static void loadCrs() throws IOException {
        Set<String> all = CrsCorpus.regexPatternsOfBothReleases();
        patterns = all.size();
        crsPieces = List.copyOf(CrsCorpus.requestPiecesOfBothReleases());
        rewritten = new ArrayList<>();
        scan = new SharedScan();
        for (String pcre : all) {
            PcrePattern compiled = PcrePattern.compile(pcre);
            scan.add(compiled);
            if (compiled.plainTextForm() != null) {
                String java = PcreTranslator.translate(pcre).java();
                rewritten.add(new Rewritten(pcre, Pattern.compile(java, PcreTranslator.JAVA_FLAGS), compiled));
            }
        }
        scan.complete();
    }

    @Test
    void dropsWhatPlainTextCannotMatch() {
        assertThat(PlainTextForm.of(java("(?i)c[\"'\\\\]*a[\"'\\\\]*t"))).isEqualTo("(?i)cat");
        assertThat(PlainTextForm.of(java("x(?!\\$)y"))).isEqualTo("xy");
        assertThat(PlainTextForm.of(java("(?:^|[;|`])\\s*id"))).isEqualTo("(?:^)\\s*id");
        assertThat(PlainTextForm.of(java("\\$\\{"))).isEqualTo(PlainTextForm.NOWHERE);
        assertThat(PlainTextForm.of(java("a[;|]+b"))).isEqualTo(PlainTextForm.NOWHERE);
        assertThat(PlainTextForm.of(java("(?i)'or|Union"))).as("flags a dropped branch sets").isEqualTo("(?i)Union");
        assertThat(PlainTextForm.of(java("union\\s+select"))).as("nothing to drop").isNull();
        assertThat(PlainTextForm.of(java("a(\\$)?b"))).as("a capturing group").isNull();
    }

    @Test
    void aPlainValueIsDecidedByThePlainTextFormAndAnyOtherByTheWholePattern() {
        PcrePattern pattern = PcrePattern.compile("(?i)c[\"'\\\\]*a[\"'\\\\]*t\\b");
        SharedScan scan = new SharedScan();
        scan.add(pattern);
        scan.complete();

        assertThat(pattern.plainTextForm()).isNotNull();
        assertThat(pattern.matches("cat /etc/passwd", scan.scan("cat /etc/passwd"))).isTrue();
        assertThat(pattern.matches("c'a't /etc/passwd", scan.scan("c'a't /etc/passwd"))).isTrue();
        assertThat(pattern.matches("c'a'r't", scan.scan("c'a'r't"))).isFalse();
        assertThat(pattern.groups("the CAT", 9, scan.scan("the CAT"))).containsExactly("CAT");
    }

    @Test
    void manyCrsPatternsHaveOne() {
        System.out.println(rewritten.size() + " of " + patterns + " distinct CRS @rx patterns have a plain text form");
        assertThat(rewritten.size()).isGreaterThan(patterns / 10);
    }

    @TestFactory
    Stream<DynamicTest> findsTheSameMatchOnPlainText() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest("CRS regression requests", () -> assertThat(assertSame(madePlain(crsPieces))).isPositive()));
        tests.add(dynamicTest("mutated CRS payloads",
                () -> assertThat(assertSame(madePlain(ProofValues.mutations(crsPieces, 1, SEED)))).isPositive()));
        tests.add(dynamicTest("random plain strings", () -> assertThat(assertSame(randomPlainStrings(3000))).isPositive()));
        Path data = ReferenceVectors.libinjection().resolve("data");
        try (Stream<Path> files = Files.list(data)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".txt")).sorted().toList()) {
                tests.add(dynamicTest("libinjection " + file.getFileName(),
                        () -> assertSame(madePlain(first(ProofValues.samples(file), SAMPLES_PER_FILE)))));
            }
        }
        return tests.stream();
    }

    /**
     * On each value, the whole pattern's first match, and what the engine finds (through the plain
     * text form, its first bytes, prefilter and shared scan), are the same; how many matches there were.
     */
    private static long assertSame(List<String> values) {
        long matches = 0;
        List<String> differ = new ArrayList<>();
        for (String value : values) {
            ScannedValue scanned = scan.scan(value);
            for (Rewritten pattern : rewritten) {
                String whole = firstMatch(pattern.whole(), value);
                String engine = engineMatch(pattern.compiled(), value, scanned);
                if (whole != null && engine != null) {
                    matches += whole.equals(NONE) ? 0 : 1;
                    if (!whole.equals(engine)) {
                        differ.add(pattern.pcre() + " on " + value + ": " + whole + ", the engine " + engine);
                    }
                }
            }
        }
        System.out.println(values.size() + " plain values x " + rewritten.size() + " patterns: " + matches + " matches");
        assertThat(differ).as("plain values on which the engine finds another match than the whole pattern").isEmpty();
        return matches;
    }

    /** The text of the first match, {@link #NONE} when there is none, null when the search gives up. */
    private static String firstMatch(Pattern pattern, String value) {
        Matcher matcher = pattern.matcher(new BudgetedText(pattern.pattern()).reset(value, PcrePattern.budget(value.length())));
        try {
            return matcher.find() ? matcher.group() : NONE;
        } catch (MatchLimitExceededException | StackOverflowError e) {
            return null;
        }
    }

    private static String engineMatch(PcrePattern pattern, String value, ScannedValue scanned) {
        try {
            List<String> groups = pattern.groups(value, 0, scanned);
            return groups == null ? NONE : groups.get(0);
        } catch (MatchLimitExceededException e) {
            return null;
        }
    }

    /** Each value with its bytes beyond plain text dropped, and turned into spaces. */
    private static List<String> madePlain(List<String> values) {
        Set<String> plain = new LinkedHashSet<>();
        for (String value : values) {
            StringBuilder dropped = new StringBuilder();
            StringBuilder spaced = new StringBuilder();
            for (char c : value.toCharArray()) {
                boolean kept = PLAIN.indexOf(c) >= 0;
                if (kept) {
                    dropped.append(c);
                }
                spaced.append(kept ? c : ' ');
            }
            plain.add(dropped.toString());
            plain.add(spaced.toString());
        }
        return List.copyOf(plain);
    }

    private static List<String> first(List<String> values, int most) {
        return values.subList(0, Math.min(most, values.size()));
    }

    private static List<String> randomPlainStrings(int count) {
        Random random = new Random(SEED);
        String[] words = {" cat ", "env ", "time ", "nohup", " select ", "union", " from ", "eval", "exec", "sh", "id",
            "ls", "/etc/passwd", "bin/"};
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(30); length > 0; length--) {
                text.append(random.nextInt(3) == 0 ? words[random.nextInt(words.length)]
                        : String.valueOf(PLAIN.charAt(random.nextInt(PLAIN.length()))));
            }
            strings.add(text.toString());
        }
        return strings;
    }

    private static String java(String pcre) {
        return PcreTranslator.translate(pcre).java();
    }
}
