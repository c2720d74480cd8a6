package io.frontdesk.telemetry;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads, as they appear in a scrape
 * ({@code frontdesk_requests_seconds_bucket}, not the family name). Label matchers, ranges,
 * grouping clauses, numbers, durations, function and aggregation names, keywords and Grafana
 * variables ({@code $job}, {@code ${datasource}}) are not metric names and are left out.
 * Grafana's {@code label_values(METRIC, LABEL)} reads METRIC only.
 */
final class PromQlMetricNames {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
    private static final Pattern NUMBER_OR_DURATION =
            Pattern.compile("(?<![\\w:])(?:0x[0-9a-fA-F]+|(?:\\d+(?:ms|[smhdwy]))+|\\d*\\.?\\d+(?:[eE][+-]?\\d+)?)(?![\\w:])");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "offset", "bool", "atan2", "inf",
            "nan");

    private PromQlMetricNames() {
    }

    static Set<String> of(String expression) {
        String text = STRING.matcher(expression).replaceAll(" ");
        text = blanked(text, '{', '}');
        text = blanked(text, '[', ']');
        text = GROUPING.matcher(text).replaceAll(" ");
        text = VARIABLE.matcher(text).replaceAll(" ");
        text = NUMBER_OR_DURATION.matcher(text).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(text);
        while (identifier.find()) {
            String name = identifier.group();
            if (!KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT)) && !calledAt(text, identifier.end())) {
                names.add(name);
            }
        }
        return names;
    }

    /** The metric names of a Grafana variable query: a {@code label_values(...)} call or plain PromQL. */
    static Set<String> ofVariableQuery(String query) {
        Matcher call = LABEL_VALUES.matcher(query);
        if (!call.matches()) {
            return of(query);
        }
        String arguments = call.group(1);
        int comma = topLevelComma(arguments);
        return comma < 0 ? Set.of() : of(arguments.substring(0, comma));
    }

    private static boolean calledAt(String text, int end) {
        int i = end;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i < text.length() && text.charAt(i) == '(';
    }

    /** Replaces every (possibly nested) {@code open ... close} block with a space. */
    private static String blanked(String text, char open, char close) {
        StringBuilder kept = new StringBuilder(text.length());
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == open) {
                depth++;
            } else if (c == close && depth > 0) {
                depth--;
                if (depth == 0) {
                    kept.append(' ');
                }
            } else if (depth == 0) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    private static int topLevelComma(String arguments) {
        int depth = 0;
        for (int i = 0; i < arguments.length(); i++) {
            char c = arguments.charAt(i);
            if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
