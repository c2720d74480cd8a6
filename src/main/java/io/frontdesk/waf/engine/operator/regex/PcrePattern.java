package io.frontdesk.waf.engine.operator.regex;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A PCRE pattern, as {@code @rx} takes it, compiled once and matched against byte strings so that
 * no value can hold a thread for long.
 *
 * <p>A pattern RE2/J can express (every one of CRS v4's) runs on RE2/J, which does not backtrack:
 * its time grows with the length of the value times the size of the pattern, whatever the value.
 * The others (back references, lookaround, atomic groups, possessive quantifiers and the like) run
 * on java.util.regex within a budget of reads of the value: {@value #BASE_READS} plus
 * {@value #READS_PER_BYTE} per byte. The CRS patterns that need it read ordinary values (prose,
 * JSON, form data, HTML, binary) at most 34 times per byte, so the budget does not cut them short,
 * while backtracking without end spends it within milliseconds on values of a few kilobytes. When
 * the budget is spent, or the backtracking outgrows the thread's stack, the match gives up with
 * {@link MatchLimitExceededException}.
 */
public final class PcrePattern {

    static final long BASE_READS = 100_000;
    static final long READS_PER_BYTE = 100;

    private final String source;
    private final com.google.re2j.Pattern linear;
    private final Pattern backtracking;

    private PcrePattern(String source, com.google.re2j.Pattern linear, Pattern backtracking) {
        this.source = source;
        this.linear = linear;
        this.backtracking = backtracking;
    }

    /**
     * Compiles a pattern.
     *
     * @throws PatternSyntaxException when PCRE would reject it, when it uses what java.util.regex has
     *         no equivalent for, or (naming the translation) when Java rejects what it became
     */
    public static PcrePattern compile(String pcre) {
        PcreTranslator.Translation translation = PcreTranslator.translate(pcre);
        if (translation.re2() != null) {
            try {
                return new PcrePattern(pcre,
                        com.google.re2j.Pattern.compile(translation.re2(), PcreTranslator.RE2_FLAGS), null);
            } catch (com.google.re2j.PatternSyntaxException e) {
                // beyond RE2/J's limits (a repeat count above 1000, say): the backtracking engine takes it
            }
        }
        try {
            return new PcrePattern(pcre, null, Pattern.compile(translation.java(), PcreTranslator.JAVA_FLAGS));
        } catch (PatternSyntaxException e) {
            throw new PatternSyntaxException("java.util.regex rejects the translation " + translation.java() + ": "
                    + e.getDescription(), pcre, -1);
        }
    }

    /** The reads of the value a backtracking match may make, for a value of that many bytes. */
    public static long budget(int length) {
        return BASE_READS + READS_PER_BYTE * length;
    }

    /**
     * Whether the pattern matches somewhere in the value.
     *
     * @throws MatchLimitExceededException when a backtracking match gives up before deciding
     */
    public boolean matches(String value) {
        return linear != null ? linear.matcher(value).find() : backtrack(value) != null;
    }

    /**
     * The groups 0 to {@code last} of the first match (fewer when the pattern has fewer), a group
     * that took no part in it being null; null when the pattern matches nowhere in the value.
     *
     * @throws MatchLimitExceededException when a backtracking match gives up before deciding
     */
    public List<String> groups(String value, int last) {
        if (linear != null) {
            com.google.re2j.Matcher matcher = linear.matcher(value);
            return matcher.find() ? upTo(last, matcher.groupCount(), matcher::group) : null;
        }
        Matcher matcher = backtrack(value);
        return matcher == null ? null : upTo(last, matcher.groupCount(), matcher::group);
    }

    /** Whether RE2/J runs this pattern, rather than the backtracking engine. */
    public boolean linear() {
        return linear != null;
    }

    @Override
    public String toString() {
        return source;
    }

    private Matcher backtrack(String value) {
        Matcher matcher = backtracking.matcher(new BudgetedText(value, budget(value.length()), source));
        try {
            return matcher.find() ? matcher : null;
        } catch (StackOverflowError e) {
            throw new MatchLimitExceededException("the pattern " + shortened(source) + " backtracked deeper"
                    + " than the thread's stack on a value of " + value.length() + " bytes");
        }
    }

    private static List<String> upTo(int last, int count, IntFunction<String> group) {
        List<String> groups = new ArrayList<>();
        for (int i = 0; i <= Math.min(count, last); i++) {
            groups.add(group.apply(i));
        }
        return groups;
    }

    static String shortened(String pattern) {
        return pattern.length() <= 60 ? pattern : pattern.substring(0, 57) + "...";
    }
}
