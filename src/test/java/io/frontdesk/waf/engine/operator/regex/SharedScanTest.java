package io.frontdesk.waf.engine.operator.regex;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;


/**
 * The pass shared by a rule set's patterns decides each pattern's requirement as the pattern's own
 * prefilter does, and its first bytes as they do (which {@link PrefilterTest} and
 * {@link FirstBytesTest} show turn away no match): for every {@code @rx} pattern of both CRS
 * releases, on the pieces of every CRS regression request and random byte strings. What it found
 * in several of them together turns away no pattern it lets through for one of them.
 */
class SharedScanTest {

    @Test
    void decidesEveryPatternAsItsOwnChecksDo() throws IOException {
        Set<String> sources = CrsCorpus.regexPatternsOfBothReleases();
        Set<String> values = new LinkedHashSet<>(CrsCorpus.requestPiecesOfBothReleases());
        values.addAll(randomStrings());
        SharedScan scan = new SharedScan();
        List<PcrePattern> patterns = new ArrayList<>();
        List<FirstBytes> firstBytes = new ArrayList<>();
        for (String source : sources) {
            PcrePattern pattern = PcrePattern.compile(source);
            scan.add(pattern);
            patterns.add(pattern);
            String java = PcreTranslator.translate(source).java();
            firstBytes.add(FirstBytes.of(Pattern.compile(java, PcreTranslator.JAVA_FLAGS), java));
        }
        scan.complete();

        long turnedAway = 0;
        List<String> lost = new ArrayList<>();
        for (String value : values) {
            ScannedValue scanned = scan.scan(value);
            for (int i = 0; i < patterns.size(); i++) {
                Prefilter prefilter = patterns.get(i).prefilter();
                boolean alone = prefilter == null || prefilter.mayMatch(value);
                boolean shared = prefilter == null || scanned.holds(patterns.get(i).sharedAs());
                FirstBytes first = firstBytes.get(i);
                if (first != null && first.mayStartIn(value) != first.mayStartIn(scanned)) {
                    lost.add("first bytes of " + patterns.get(i) + " on " + value);
                }
                if (alone != shared) {
                    lost.add(patterns.get(i) + (alone ? " lost on " : " let through on ") + value);
                }
                turnedAway += shared ? 0 : 1;
            }
        }
        assertThat(lost).isEmpty();
        assertThat(turnedAway).isPositive();
    }

    @Test
    void whatIsFoundInSeveralValuesTogetherTurnsAwayNoPatternOneOfThemMayMatch() throws IOException {
        List<String> values = new ArrayList<>(CrsCorpus.requestPiecesOfBothReleases());
        values.addAll(randomStrings());
        Collections.shuffle(values, new Random(17));
        SharedScan scan = new SharedScan();
        List<PcrePattern> patterns = new ArrayList<>();
        for (String source : CrsCorpus.regexPatternsOfBothReleases()) {
            PcrePattern pattern = PcrePattern.compile(source);
            scan.add(pattern);
            patterns.add(pattern);
        }
        scan.complete();

        Random sizes = new Random(18);
        long turnedAway = 0;
        List<String> lost = new ArrayList<>();
        for (int from = 0, to; from < values.size(); from = to) {
            to = Math.min(values.size(), from + 1 + sizes.nextInt(8));
            List<ScannedValue> scans = values.subList(from, to).stream().map(scan::scan).toList();
            ScannedValue together = scan.union(scans);
            for (PcrePattern pattern : patterns) {
                boolean mayMatchOne = scans.stream().anyMatch(pattern::mayMatchOneOf);
                if (mayMatchOne && !pattern.mayMatchOneOf(together)) {
                    lost.add(pattern + " lost on " + values.subList(from, to));
                }
                turnedAway += pattern.mayMatchOneOf(together) ? 0 : 1;
            }
        }
        assertThat(lost).isEmpty();
        assertThat(turnedAway).isPositive();
    }

    @Test
    void aStringDifferingInAsciiCaseAloneIsFoundToHoldWhatItsOwnScanFinds() throws IOException {
        SharedScan scan = new SharedScan();
        for (String source : CrsCorpus.regexPatternsOfBothReleases()) {
            scan.add(PcrePattern.compile(source));
        }
        scan.complete();
        List<String> values = new ArrayList<>(CrsCorpus.requestPiecesOfBothReleases());
        values.addAll(randomStrings());

        List<String> differ = new ArrayList<>();
        long refoldedCount = 0;
        for (String value : values) {
            for (String alike : List.of(asciiCase(value, false), asciiCase(value, true))) {
                assertThat(SharedScan.sameFolded(alike, value)).isTrue();
                ScannedValue refolded = scan.refolded(scan.scan(alike), value);
                ScannedValue own = scan.scan(value);
                if (!Arrays.equals(refolded.bits(), own.bits()) || refolded.found() != own.found()
                        || refolded.wide() != own.wide()) {
                    differ.add(value + " from " + alike);
                }
                refoldedCount += alike.equals(value) ? 0 : 1;
            }
        }
        assertThat(differ).isEmpty();
        assertThat(refoldedCount).isPositive();
        assertThat(SharedScan.sameFolded("Sel\u00c9ct", "sel\u00e9ct")).as("Latin-1 letters are not folded").isFalse();
        assertThat(SharedScan.sameFolded("select", "selec")).isFalse();
    }

    /** The ASCII letters of the value in one case. */
    private static String asciiCase(String value, boolean upper) {
        StringBuilder out = new StringBuilder(value.length());
        value.chars().forEach(c -> out.append((char) (upper ? (c >= 'a' && c <= 'z' ? c - 32 : c)
                : (c >= 'A' && c <= 'Z' ? c + 32 : c))));
        return out.toString();
    }

    @Test
    void severalValuesTogetherHoldWhatOneOfThemHolds() {
        PcrePattern union = PcrePattern.compile("(?i)\\bunion\\b.{1,100}?\\bselect\\b");
        SharedScan scan = scanOf(union);

        List<ScannedValue> one = List.of(scan.scan("plain"), scan.scan("1 UNION SELECT"), scan.scan("more"));
        assertThat(scan.union(one).holds(union.sharedAs())).isTrue();
        List<ScannedValue> none = List.of(scan.scan("trade union"), scan.scan("plain"));
        assertThat(scan.union(none).holds(union.sharedAs())).isFalse();
    }

    /** Words a command-injection pattern allows quotes between the first letter and the rest of. */
    private static final String SPELT = "(?i)a['\"]*(?:ddgroup|pparmor)|b['\"]*(?:ase64|zip2)";

    private static SharedScan scanOf(PcrePattern... patterns) {
        SharedScan scan = new SharedScan();
        for (PcrePattern pattern : patterns) {
            scan.add(pattern);
        }
        scan.complete();
        return scan;
    }

    @Test
    void aPatternIsTouchedOnlyByAtomsEnoughForItsRequirement() {
        PcrePattern union = PcrePattern.compile("(?i)\\bunion\\b.{1,100}?\\bselect\\b");
        PcrePattern spelt = PcrePattern.compile(SPELT);
        SharedScan scan = scanOf(union, spelt);

        assertThat(SharedScan.leastAtoms(union.prefilter().requirement(), 1)).isEqualTo(2);
        assertThat(scan.scan("trade union").touches(union.sharedAs())).isFalse();
        assertThat(scan.scan("1 UNION SELECT").touches(union.sharedAs())).isTrue();
        assertThat(SharedScan.leastAtoms(spelt.prefilter().requirement(), 1)).isEqualTo(2);
        assertThat(SharedScan.leastAtoms(spelt.prefilter().requirement(), 2)).isEqualTo(1);
        assertThat(scan.scan("a b c").touches(spelt.sharedAs())).as("two atoms, but single letters").isFalse();
        assertThat(scan.scan("b'zip2").touches(spelt.sharedAs())).isTrue();
    }

    @Test
    void aTouchedPatternHoldsOnlyWhenItsRequirementDoes() {
        PcrePattern pairs = PcrePattern.compile("(?:ab|cd).*(?:ef|gh)");
        PcrePattern spelt = PcrePattern.compile(SPELT);
        SharedScan scan = scanOf(pairs, spelt);

        assertThat(pairs.prefilter().requirement()).hasToString("AND[OR[\"ab\", \"cd\"], OR[\"ef\", \"gh\"]]");
        ScannedValue twoOfOneSide = scan.scan("ab cd");
        assertThat(twoOfOneSide.touches(pairs.sharedAs())).as("two atoms, as many as the requirement asks").isTrue();
        assertThat(twoOfOneSide.holds(pairs.sharedAs())).isFalse();
        assertThat(scan.scan("cd GH").holds(pairs.sharedAs())).as("atoms are found in any case").isTrue();
        ScannedValue wrongLetter = scan.scan("zip2 A");
        assertThat(wrongLetter.touches(spelt.sharedAs())).isTrue();
        assertThat(wrongLetter.holds(spelt.sharedAs())).isFalse();
        assertThat(scan.scan("zip2 B").holds(spelt.sharedAs())).isTrue();
    }

    @Test
    void aPhraseListIsTouchedWhenOneOfItsPhrasesOccurs() {
        SharedScan scan = new SharedScan();
        int shells = scan.addPhrases(List.of("/bin/sh", "Powershell", ""));
        int nothing = scan.addPhrases(List.of(""));
        scan.complete();

        assertThat(nothing).isNegative();
        assertThat(scan.scan("exec POWERSHELL -c").touches(shells)).isTrue();
        assertThat(scan.scan("x;/BIN/SH").touches(shells)).isTrue();
        assertThat(scan.scan("/bin/bash").touches(shells)).isFalse();
    }

    private static List<String> randomStrings() {
        Random random = new Random(16);
        String pieces = "<>'\"();=-/*#%&|`$ \t\nselectunionscriptonerroralertexec";
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            StringBuilder value = new StringBuilder();
            for (int length = random.nextInt(40); length > 0; length--) {
                value.append(random.nextInt(4) == 0 ? (char) random.nextInt(256)
                        : pieces.charAt(random.nextInt(pieces.length())));
            }
            strings.add(value.toString());
        }
        return strings;
    }
}
