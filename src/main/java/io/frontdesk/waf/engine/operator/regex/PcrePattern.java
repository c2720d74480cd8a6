package io.frontdesk.waf.engine.operator.regex;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A PCRE pattern, as {@code @rx} takes it, compiled once and matched against byte strings so that
 * no value can hold a thread for long.
 *
 * <p>Every pattern runs first on java.util.regex, the fastest engine here on ordinary values,
 * within a budget of reads of the value. A pattern RE2/J can express (every one of CRS v4's) gets
 * a small budget, {@value #FIRST_TRY_BASE_READS} reads plus {@value #FIRST_TRY_READS_PER_BYTE} per
 * byte: a value that spends it is decided again by RE2/J, which does not backtrack (its time grows
 * with the length of the value times the size of the pattern, whatever the value), so a value made
 * to backtrack costs the small budget and a linear match, and still gets its verdict. The others
 * (back references, lookaround, atomic groups, possessive quantifiers and the like) get the whole
 * budget, {@value #BASE_READS} plus {@value #READS_PER_BYTE} per byte. The CRS patterns that need
 * it read ordinary values (prose, JSON, form data, HTML, binary) at most 34 times per byte, so the
 * budget does not cut them short, while backtracking without end spends it within milliseconds on
 * values of a few kilobytes. When it is spent, or the backtracking outgrows the thread's stack,
 * the match gives up with {@link MatchLimitExceededException}.
 *
 * <p>A value is searched at all only when it holds a byte a match can start with ({@link FirstBytes})
 * and the atoms every match contains ({@link Prefilter}); either is left out when the pattern tells
 * nothing. A value skipped so cannot match, and so never spends the budget either.
 */
public final class PcrePattern {

    static final long BASE_READS = 100_000;
    static final long READS_PER_BYTE = 100;
    static final long FIRST_TRY_BASE_READS = 10_000;
    static final long FIRST_TRY_READS_PER_BYTE = 20;
    /** The system property that, set to {@code false}, compiles patterns without a {@link Prefilter}, to compare. */
    static final String PREFILTER_PROPERTY = "frontdesk.waf.regex-prefilter";

    private final String source;
    private final com.google.re2j.Pattern linear;
    private final Pattern backtracking;
    /** The bytes a match can start with, or {@code null} when every value must be searched. */
    private final FirstBytes firstBytes;
    /** The atoms a match contains, or {@code null} when they cannot be told. */
    private final Prefilter prefilter;
    /** What the pattern becomes on {@linkplain PlainTextForm plain text}, or {@code null} when it stays itself. */
    private final PcrePattern plainTextForm;
    /** The scan that decides the prefilter's requirement for every pattern of a rule set, or {@code null}. */
    private SharedScan shared;
    /** This pattern's requirement's number in {@link #shared}. */
    private int sharedAs;
    /** Each thread reuses one matcher and one counting text per pattern: matching allocates nothing then. */
    private final ThreadLocal<Reusable> reusable;

    private record Reusable(BudgetedText text, Matcher matcher) {
    }

    private PcrePattern(String source, com.google.re2j.Pattern linear, Pattern backtracking, FirstBytes firstBytes,
            Prefilter prefilter, PcrePattern plainTextForm) {
        this.source = source;
        this.linear = linear;
        this.backtracking = backtracking;
        this.firstBytes = firstBytes;
        this.prefilter = prefilter;
        this.plainTextForm = plainTextForm;
        this.reusable = ThreadLocal.withInitial(() -> {
            BudgetedText text = new BudgetedText(source);
            return new Reusable(text, backtracking.matcher(text).useTransparentBounds(true).useAnchoringBounds(false));
        });
    }

    /**
     * Compiles a pattern.
     *
     * @throws PatternSyntaxException when PCRE would reject it, when it uses what java.util.regex has
     *         no equivalent for, or (naming the translation) when Java rejects what it became
     */
    public static PcrePattern compile(String pcre) {
        PcreTranslator.Translation translation = PcreTranslator.translate(pcre);
        Pattern backtracking;
        try {
            backtracking = Pattern.compile(translation.java(), PcreTranslator.JAVA_FLAGS);
        } catch (PatternSyntaxException e) {
            throw new PatternSyntaxException("java.util.regex rejects the translation " + translation.java() + ": "
                    + e.getDescription(), pcre, -1);
        }
        com.google.re2j.Pattern linear = null;
        if (translation.re2() != null) {
            try {
                linear = com.google.re2j.Pattern.compile(translation.re2(), PcreTranslator.RE2_FLAGS);
            } catch (com.google.re2j.PatternSyntaxException e) {
                // beyond RE2/J's limits (a repeat count above 1000, say): the backtracking engine alone takes it
            }
        }
        Prefilter prefilter = prefiltered() ? Prefilter.of(translation.java()) : null;
        return new PcrePattern(pcre, linear, backtracking, FirstBytes.of(backtracking, translation.java()), prefilter,
                prefilter == null ? null : plainTextForm(pcre, translation.java(), linear));
    }

    private static boolean prefiltered() {
        return Boolean.parseBoolean(System.getProperty(PREFILTER_PROPERTY, "true"));
    }

    /**
     * What the pattern {@code pcre}, translated into {@code java}, becomes on plain text, or
     * {@code null} when it stays itself. On such text RE2/J's form of the whole pattern decides what
     * the plain text form's budget does not.
     */
    private static PcrePattern plainTextForm(String pcre, String java, com.google.re2j.Pattern linear) {
        String plainText = PlainTextForm.of(java);
        if (plainText == null) {
            return null;
        }
        Pattern backtracking = Pattern.compile(plainText, PcreTranslator.JAVA_FLAGS);
        return new PcrePattern(pcre, linear, backtracking, FirstBytes.of(backtracking, plainText),
                Prefilter.of(plainText), null);
    }

    /** The reads of the value a backtracking match may make, for a value of that many bytes, when no linear engine backs it. */
    public static long budget(int length) {
        return BASE_READS + READS_PER_BYTE * length;
    }

    private long firstBudget(int length) {
        return linear == null ? budget(length)
                : FIRST_TRY_BASE_READS + FIRST_TRY_READS_PER_BYTE * length;
    }

    /**
     * Whether the pattern matches somewhere in the value.
     *
     * @throws MatchLimitExceededException when a backtracking match gives up before deciding
     */
    public boolean matches(String value) {
        return matches(value, null);
    }

    /**
     * Whether the pattern matches somewhere in the value, told what a shared scan found in it
     * ({@code null} when none did).
     *
     * @throws MatchLimitExceededException when a backtracking match gives up before deciding
     */
    public boolean matches(String value, ScannedValue scanned) {
        if (plainTextForm != null && scanned != null && scanned.holdsOnly(PlainTextForm.PLAIN_BYTES)) {
            return plainTextForm.matches(value, scanned);
        }
        if (!mayMatch(value, scanned)) {
            return false;
        }
        try {
            return backtrack(value) != null;
        } catch (MatchLimitExceededException e) {
            if (linear == null) {
                throw e;
            }
            return linear.matcher(value).find();
        }
    }

    /** Whether {@code scan} looks for this pattern's atoms. */
    public boolean decidedBy(SharedScan scan) {
        return shared != null && shared == scan;
    }

    /**
     * Whether the pattern may match one of several values, told what a shared scan found in all of
     * them together ({@link SharedScan#union}): false only when none of them holds a byte a match
     * starts with or the atoms a match needs.
     */
    public boolean mayMatchOneOf(ScannedValue together) {
        return (firstBytes == null || firstBytes.mayStartIn(together))
                && (prefilter == null || !together.from(shared) || together.holds(sharedAs));
    }

    /**
     * The groups 0 to {@code last} of the first match (fewer when the pattern has fewer), a group
     * that took no part in it being null; null when the pattern matches nowhere in the value.
     *
     * @throws MatchLimitExceededException when a backtracking match gives up before deciding
     */
    public List<String> groups(String value, int last) {
        return groups(value, last, null);
    }

    /**
     * {@link #groups(String, int)}, told what a shared scan found in the value ({@code null} when none did).
     *
     * @throws MatchLimitExceededException when a backtracking match gives up before deciding
     */
    public List<String> groups(String value, int last, ScannedValue scanned) {
        if (plainTextForm != null && scanned != null && scanned.holdsOnly(PlainTextForm.PLAIN_BYTES)) {
            return plainTextForm.groups(value, last, scanned);
        }
        if (!mayMatch(value, scanned)) {
            return null;
        }
        Matcher matcher;
        try {
            matcher = backtrack(value);
        } catch (MatchLimitExceededException e) {
            if (linear == null) {
                throw e;
            }
            com.google.re2j.Matcher fallback = linear.matcher(value);
            return fallback.find() ? upTo(last, fallback.groupCount(), fallback::group) : null;
        }
        return matcher == null ? null : upTo(last, matcher.groupCount(), matcher::group);
    }

    /**
     * Whether one of the matches passes the test: the first match, then the first that starts after
     * its start, and so on, as a PCRE caller tries every offset. The matches share the whole
     * {@link #budget}; no linear engine takes over, as it could not bound the work of many matches.
     *
     * @throws MatchLimitExceededException when the budget is spent before the test passed
     */
    public boolean anyMatch(String value, Predicate<String> test) {
        if (!mayMatch(value)) {
            return false;
        }
        Matcher matcher = matcher(value, budget(value.length()));
        try {
            for (int from = 0; from < value.length() && matcher.find(from); from = matcher.start() + 1) {
                if (test.test(matcher.group())) {
                    return true;
                }
            }
            return false;
        } catch (StackOverflowError e) {
            throw tooDeep(value);
        }
    }

    /** Whether the value is worth searching: a byte a match starts with, and the atoms a match contains. */
    private boolean mayMatch(String value) {
        return (firstBytes == null || firstBytes.mayStartIn(value)) && (prefilter == null || prefilter.mayMatch(value));
    }

    /** Whether the value is worth searching, as {@link #mayMatch(String)} tells, from a shared scan when there is one. */
    private boolean mayMatch(String value, ScannedValue scanned) {
        if (scanned == null) {
            return mayMatch(value);
        }
        return (firstBytes == null || firstBytes.mayStartIn(scanned))
                && (prefilter == null || (scanned.from(shared) ? scanned.holds(sharedAs) : prefilter.mayMatch(value)));
    }

    Prefilter prefilter() {
        return prefilter;
    }

    /** What the pattern becomes on plain text, or {@code null} when it stays itself. */
    PcrePattern plainTextForm() {
        return plainTextForm;
    }

    /** This pattern's member number in its shared scan. */
    int sharedAs() {
        return sharedAs;
    }

    /** Has the scan look for this pattern's atoms, as member {@code as}; false when another does already. */
    boolean sharedIn(SharedScan scan, int as) {
        if (shared != null) {
            return false;
        }
        shared = scan;
        sharedAs = as;
        return true;
    }

    /** Whether RE2/J decides the values that spend this pattern's first budget, rather than nobody. */
    public boolean linear() {
        return linear != null;
    }

    @Override
    public String toString() {
        return source;
    }

    /**
     * The first match, as {@link Matcher#find()} finds it. When the first bytes tell where a match
     * may start, it is tried at those positions only, left to right, each time as {@code find}
     * would try it there (the bytes before it in view for word boundaries, {@code ^} at the value's
     * start only): the first position with a match is {@code find}'s, and so is the match.
     */
    private Matcher backtrack(String value) {
        Matcher matcher = matcher(value, firstBudget(value.length()));
        try {
            if (firstBytes == null || !firstBytes.positional()) {
                return matcher.find() ? matcher : null;
            }
            for (int at = firstBytes.nextStart(value, 0); at >= 0; at = firstBytes.nextStart(value, at + 1)) {
                if (matcher.region(at, value.length()).lookingAt()) {
                    return matcher;
                }
            }
            return null;
        } catch (StackOverflowError e) {
            throw tooDeep(value);
        }
    }

    /** This thread's matcher, on the value, with that many reads to spend. */
    private Matcher matcher(String value, long budget) {
        Reusable mine = reusable.get();
        return mine.matcher().reset(mine.text().reset(value, budget));
    }

    private MatchLimitExceededException tooDeep(String value) {
        return new MatchLimitExceededException("the pattern " + shortened(source) + " backtracked deeper"
                + " than the thread's stack on a value of " + value.length() + " bytes");
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
