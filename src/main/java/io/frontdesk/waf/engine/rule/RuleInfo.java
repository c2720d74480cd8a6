package io.frontdesk.waf.engine.rule;

import java.util.List;

import io.frontdesk.waf.engine.macro.Macro;
import io.frontdesk.waf.engine.macro.MacroScope;
import io.frontdesk.waf.engine.seclang.Source;

/**
 * What a rule says about itself: its id (0 when it has none), phase, message and log data
 * (expanded when it matches), tags, severity (0 emergency to 7 debug, -1 when not given) and
 * version; and where it was written.
 */
public record RuleInfo(int id, int phase, Macro msg, Macro logdata, List<String> tags, int severity, String ver,
        String rev, Source source) {

    private static final List<String> SEVERITIES = List.of("EMERGENCY", "ALERT", "CRITICAL", "ERROR", "WARNING",
            "NOTICE", "INFO", "DEBUG");

    /** {@code CRITICAL} or {@code 2}: the number, or an {@link IllegalArgumentException}. */
    static int severity(String text) {
        int named = SEVERITIES.indexOf(text.strip().toUpperCase(java.util.Locale.ROOT));
        if (named >= 0) {
            return named;
        }
        try {
            int number = Integer.parseInt(text.strip());
            if (number >= 0 && number < SEVERITIES.size()) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("unknown severity '" + text + "'");
    }

    /**
     * What {@code RULE.key} gives of this rule ({@code id}, {@code msg}, {@code logdata},
     * {@code severity}, {@code phase}, {@code ver}, {@code rev}; messages expanded in
     * {@code scope}), or {@code null} for any other key.
     */
    public String fact(String key, MacroScope scope) {
        switch (key) {
            case "id":
                return Integer.toString(id);
            case "msg":
                return msg == null ? "" : msg.expand(scope);
            case "logdata":
                return logdata == null ? "" : logdata.expand(scope);
            case "severity":
                return severity < 0 ? "" : Integer.toString(severity);
            case "phase":
                return Integer.toString(phase);
            case "ver":
                return ver;
            case "rev":
                return rev;
            default:
                return null;
        }
    }

    /** The severity's name, or {@code null} when the rule gives none. */
    public String severityName() {
        return severity < 0 ? null : SEVERITIES.get(severity);
    }
}
