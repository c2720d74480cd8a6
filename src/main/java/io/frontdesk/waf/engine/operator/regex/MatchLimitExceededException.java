package io.frontdesk.waf.engine.operator.regex;

/**
 * A regular expression gave up before deciding: it read the value more often than its budget
 * allows, or its backtracking went deeper than the thread's stack. ModSecurity's counterpart is a
 * PCRE match or recursion limit error.
 */
public final class MatchLimitExceededException extends RuntimeException {

    public MatchLimitExceededException(String message) {
        // thrown from deep inside the matcher, and only a verdict: no stack trace to fill
        super(message, null, false, false);
    }
}
