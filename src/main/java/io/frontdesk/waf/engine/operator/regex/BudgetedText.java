package io.frontdesk.waf.engine.operator.regex;

/**
 * A value as java.util.regex reads it, one character at a time through {@link #charAt}, each read
 * taken from a budget; when the budget is spent the match stops with
 * {@link MatchLimitExceededException}. Backtracking rereads characters, so the reads count the work
 * done, and stop catastrophic backtracking however the pattern is written.
 */
final class BudgetedText implements CharSequence {

    private final String pattern;
    private String text = "";
    private long remaining;

    /** Reused by one thread for one pattern's matches: {@link #reset} starts each. */
    BudgetedText(String pattern) {
        this.pattern = pattern;
    }

    BudgetedText reset(String value, long budget) {
        this.text = value;
        this.remaining = budget;
        return this;
    }

    @Override
    public char charAt(int index) {
        if (--remaining < 0) {
            throw new MatchLimitExceededException("the pattern " + PcrePattern.shortened(pattern)
                    + " read a value of " + text.length() + " bytes more often than its budget allows");
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    /** Captured groups are cut out through here: not the matcher's work, so not counted. */
    @Override
    public CharSequence subSequence(int start, int end) {
        return text.substring(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
