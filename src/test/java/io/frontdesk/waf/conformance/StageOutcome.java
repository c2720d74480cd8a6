package io.frontdesk.waf.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.frontdesk.waf.conformance.ftw.StageOutput;

/**
 * What a stage did: the rule ids logged, the log text (one line per logged rule, written as
 * ModSecurity writes {@code [id "942100"] [msg "..."]}, so the suites' log patterns apply), the
 * status (0 when the exchange failed) and the response.
 */
record StageOutcome(List<Integer> ids, String log, int status, String response) {

    /**
     * A rule in the log as ModSecurity writes it, which the suites' log patterns are written
     * against: quotes and backslashes escaped, and bytes outside printable ASCII (line breaks
     * among them) as {@code \xHH}, so one rule is one line.
     */
    static String logLine(int id, String message, String data) {
        return "[id \"" + id + "\"] [msg \"" + escaped(message) + "\"] [data \"" + escaped(data) + "\"]\n";
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                out.append(String.format("\\x%02x", (int) c & 0xFF));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether the stage expects anything of the WAF's log (rather than of the HTTP exchange alone). */
    static boolean expectsLog(StageOutput expected) {
        return !expected.expectedIds().isEmpty() || !expected.unexpectedIds().isEmpty()
                || expected.logMatch().isPresent() || expected.logMismatch().isPresent();
    }

    /**
     * Why the outcome does not meet the expectation; empty when it does. The exchange's own
     * expectations (status, response, failure) are checked only when {@code exchange} is.
     */
    List<String> shortfalls(StageOutput expected, boolean exchange) {
        List<String> problems = new ArrayList<>();
        for (int id : expected.expectedIds()) {
            if (!ids.contains(id)) {
                problems.add("expected " + id + " in the log, got " + ids);
            }
        }
        for (int id : expected.unexpectedIds()) {
            if (ids.contains(id)) {
                problems.add("did not expect " + id + " in the log");
            }
        }
        expected.logMatch().filter(regex -> !Pattern.compile(regex).matcher(log).find())
                .ifPresent(regex -> problems.add("the log does not match " + regex));
        expected.logMismatch().filter(regex -> Pattern.compile(regex).matcher(log).find())
                .ifPresent(regex -> problems.add("the log matches " + regex));
        if (expected.isolated() && ids.stream().anyMatch(id -> !expected.expectedIds().contains(id))) {
            problems.add("expected only " + expected.expectedIds() + ", got " + ids);
        }
        if (!exchange) {
            return problems;
        }
        if (!expected.statuses().isEmpty() && !expected.statuses().contains(status)) {
            problems.add("expected status " + expected.statuses() + ", got " + status);
        }
        expected.responseContains().filter(regex -> !Pattern.compile(regex).matcher(response).find())
                .ifPresent(regex -> problems.add("the response does not match " + regex));
        if (expected.expectError() && status != 0) {
            problems.add("expected the exchange to fail, got status " + status);
        }
        return problems;
    }
}
