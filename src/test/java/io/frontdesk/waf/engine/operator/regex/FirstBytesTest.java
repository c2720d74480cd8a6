package io.frontdesk.waf.engine.operator.regex;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.frontdesk.waf.conformance.ftw.CrsReleases;

/** The bytes a match may start with: what they are for small patterns, and that skipping never loses a match. */
class FirstBytesTest {

    private static FirstBytes of(String pcre) {
        PcreTranslator.Translation translation = PcreTranslator.translate(pcre);
        return FirstBytes.of(Pattern.compile(translation.java(), PcreTranslator.JAVA_FLAGS), translation.java());
    }

    @Test
    void aValueWithoutAnyStartingByteIsSkipped() {
        FirstBytes tag = of("<script");
        assertThat(tag.mayStartIn("no markup here")).isFalse();
        assertThat(tag.mayStartIn("a < b")).isTrue();
        FirstBytes caseless = of("(?i)(?:union|select)\\s");
        assertThat(caseless.mayStartIn("12.5")).isFalse();
        assertThat(caseless.mayStartIn("1 UNION")).isTrue();
        assertThat(of("\\b(?:eval|exec)\\(").mayStartIn("'; --")).isFalse();
        assertThat(of("[\"'`][\\s\\d]*(?:or|and)").mayStartIn("plain words")).isFalse();
    }

    @Test
    void patternsThatMayMatchNothingOrStartAnywhereOrLookBehindAreNeverSkipped() {
        assertThat(of("^$")).isNull();
        assertThat(of("a*")).isNull();
        assertThat(of("\\b")).isNull();
        assertThat(of(".")).isNull();
        assertThat(of("(?<=x)y")).isNull();
        assertThat(of("^(?:GET|HEAD)$").mayStartIn("HEAD")).isTrue();
        assertThat(of("^(?:GET|HEAD)$").mayStartIn("POST")).isFalse();
    }

    /**
     * Every @rx pattern of both CRS releases against the values of their regression requests (as
     * sent, and URL-decoded): wherever a pattern's first bytes say a value can be skipped, the
     * pattern indeed finds no match in it.
     */
    @Test
    void skippingNeverLosesAMatchOnCrs() throws IOException {
        List<String> patterns = new ArrayList<>();
        Set<String> values = new LinkedHashSet<>();
        for (String release : List.of(CrsReleases.V4, CrsReleases.V3)) {
            patterns.addAll(CrsCorpus.regexPatterns(release));
            values.addAll(CrsCorpus.requestPieces(release, 4000));
        }
        int prefiltered = 0;
        long skipped = 0;
        for (String pcre : patterns) {
            PcreTranslator.Translation translation = PcreTranslator.translate(pcre);
            Pattern pattern = Pattern.compile(translation.java(), PcreTranslator.JAVA_FLAGS);
            FirstBytes first = FirstBytes.of(pattern, translation.java());
            if (first == null) {
                continue;
            }
            prefiltered++;
            for (String value : values) {
                if (!first.mayStartIn(value)) {
                    skipped++;
                    assertThat(finds(pattern, value)).as("%s in %s", pcre, value).isFalse();
                }
            }
        }
        System.out.println(prefiltered + " of " + patterns.size() + " CRS patterns have first bytes; " + skipped
                + " searches of " + values.size() + " request values skipped, none of them a match");
        assertThat(prefiltered).isGreaterThan(patterns.size() / 4);
    }

    private static boolean finds(Pattern pattern, String value) {
        Matcher matcher = pattern.matcher(new BudgetedText(pattern.pattern()).reset(value, PcrePattern.budget(value.length())));
        try {
            return matcher.find();
        } catch (MatchLimitExceededException | StackOverflowError e) {
            return false;
        }
    }
}
