package io.frontdesk.waf.engine.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.frontdesk.waf.engine.operator.regex.MatchLimitExceededException;
import io.frontdesk.waf.engine.operator.regex.PcrePattern;

/**
 * Values built to make regular expressions backtrack without end get a verdict instead of holding
 * the thread: no match from RE2/J, which does not backtrack, or the budget's verdict from
 * java.util.regex; ordinary values of 1 MB are still matched to their end.
 */
class RegexBudgetTest {

    private static final String MEGABYTE_OF_PROSE = ("Frontdesk balances load over a farm of servers, filters attacks,"
            + " caches what can be cached and terminates TLS; it is configured in application.yml.\n")
            .repeat(7100).substring(0, 1 << 20);

    @ParameterizedTest
    @ValueSource(strings = {"^(a+)+$", "^(a|aa)+$", "^(a|a?)+$", "(.*a){12}$"})
    void classicCatastrophicPatternsRunOnRe2AndDoNotMatch(String pcre) {
        PcrePattern pattern = PcrePattern.compile(pcre);
        assertThat(pattern.linear()).isTrue();
        assertThat(pattern.matches("a".repeat(10_240) + "!")).isFalse();
    }

    /** Java recurses once per turn of a loop over alternatives, so some of these outgrow the stack first. */
    @ParameterizedTest
    @ValueSource(strings = {"^(?=a)(a+)+$", "^(a|aa)+(?<!!)$", "^(?>a|a?)(a|a?)+$", "(?=a)(.*a){12}$"})
    void classicCatastrophicPatternsThatNeedBacktrackingEndWithAVerdict(String pcre) {
        PcrePattern pattern = PcrePattern.compile(pcre);
        assertThat(pattern.linear()).isFalse();
        assertThatThrownBy(() -> pattern.matches("a".repeat(10_240) + "!"))
                .isInstanceOf(MatchLimitExceededException.class);
    }

    @Test
    void theBudgetIsWhatStopsExponentialBacktracking() {
        assertThatThrownBy(() -> PcrePattern.compile("^(?=a)(a+)+$").matches("a".repeat(10_240) + "!"))
                .hasMessageContaining("budget");
    }

    @Test
    void aCrsPatternOnAPathologicalMegabyteEndsWithTheBudgetsVerdict() {
        PcrePattern tautology = PcrePattern.compile(CrsRules.regex("v3.3.4", "942130"));
        // the = gives the value an operator, without which no match is possible and it would not be searched
        assertThatThrownBy(() -> tautology.matches(" ".repeat(1 << 20) + "="))
                .isInstanceOf(MatchLimitExceededException.class);
        assertThat(tautology.matches(MEGABYTE_OF_PROSE)).isFalse();
        assertThat(tautology.matches(MEGABYTE_OF_PROSE + "' or 1=1")).isTrue();
    }

    @Test
    void ordinaryMegabyteValuesAreMatchedToTheirEnd() {
        PcrePattern unionSelect = PcrePattern.compile(CrsRules.regex("v4.28.0", "942190"));
        assertThat(unionSelect.matches(MEGABYTE_OF_PROSE)).isFalse();
        assertThat(unionSelect.matches(MEGABYTE_OF_PROSE + "' union select password from users--")).isTrue();
        PcrePattern phpOpenTag = PcrePattern.compile(CrsRules.regex("v3.3.4", "953120"));
        assertThat(phpOpenTag.linear()).isFalse();
        assertThat(phpOpenTag.matches(MEGABYTE_OF_PROSE)).isFalse();
        assertThat(phpOpenTag.matches(MEGABYTE_OF_PROSE + "<?php")).isTrue();
    }

    @Test
    void backtrackingDeeperThanTheStackEndsWithTheSameVerdict() throws InterruptedException {
        PcrePattern pattern = PcrePattern.compile("(?:a|b)*(?=c)");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                pattern.matches("ab".repeat(1 << 19));
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "small-stack", 512 * 1024);
        thread.start();
        thread.join();
        assertThat(thrown.get()).isInstanceOf(MatchLimitExceededException.class).hasMessageContaining("stack");
    }

    @Test
    void theBudgetGrowsWithTheValue() {
        assertThat(PcrePattern.budget(0)).isEqualTo(100_000);
        assertThat(PcrePattern.budget(1 << 20)).isEqualTo(100_000 + 100L * (1 << 20));
    }
}
