package io.frontdesk.cache;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The directives of Cache-Control header fields (RFC 9111 section 5.2), parsed once. Directive
 * names are case-insensitive; a directive given twice keeps its first value, and a delta-seconds
 * value that is not a non-negative integer reads as absent, except that an invalid
 * {@code max-age}/{@code s-maxage} on a response counts as 0 (stale), as the RFC advises.
 */
final class CacheControl {

    static final CacheControl NONE = new CacheControl(Map.of());

    private final Map<String, String> directives;

    private CacheControl(Map<String, String> directives) {
        this.directives = directives;
    }

    /** Directives already parsed (from a targeted field), names in lower case. */
    static CacheControl of(Map<String, String> directives) {
        return directives.isEmpty() ? NONE : new CacheControl(Map.copyOf(directives));
    }

    /** Parses every Cache-Control field value; {@code null} or empty gives {@link #NONE}. */
    static CacheControl parse(List<String> values) {
        if (values == null || values.isEmpty()) {
            return NONE;
        }
        Map<String, String> directives = new HashMap<>();
        for (String value : values) {
            parseInto(value, directives);
        }
        return directives.isEmpty() ? NONE : new CacheControl(directives);
    }

    private static void parseInto(String value, Map<String, String> directives) {
        int i = 0;
        int length = value.length();
        while (i < length) {
            while (i < length && (value.charAt(i) == ',' || value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            int nameStart = i;
            while (i < length && value.charAt(i) != '=' && value.charAt(i) != ',') {
                i++;
            }
            String name = value.substring(nameStart, i).trim().toLowerCase(Locale.ROOT);
            String argument = "";
            if (i < length && value.charAt(i) == '=') {
                i++;
                if (i < length && value.charAt(i) == '"') {
                    int close = value.indexOf('"', i + 1);
                    int end = close < 0 ? length : close;
                    argument = value.substring(i + 1, end);
                    i = close < 0 ? length : close + 1;
                    while (i < length && value.charAt(i) != ',') {
                        i++;
                    }
                } else {
                    int argumentStart = i;
                    while (i < length && value.charAt(i) != ',') {
                        i++;
                    }
                    argument = value.substring(argumentStart, i).trim();
                }
            }
            if (!name.isEmpty()) {
                directives.putIfAbsent(name, argument);
            }
        }
    }

    boolean has(String directive) {
        return directives.containsKey(directive);
    }

    /** The directive's delta-seconds, or -1 when it is absent or not a valid number. */
    long seconds(String directive) {
        return deltaSeconds(directives.get(directive));
    }

    /** A delta-seconds value (RFC 9111 section 1.2.2), or -1 when it is absent or not one. */
    static long deltaSeconds(String argument) {
        if (argument == null || argument.isEmpty()) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            // Larger than any useful lifetime: RFC 9111 caps delta-seconds at 2^31.
            value = Math.min(value * 10 + (c - '0'), 2_147_483_648L);
        }
        return value;
    }

    /** A freshness directive of a response: its seconds, 0 when present but invalid, -1 when absent. */
    long lifetimeSeconds(String directive) {
        if (!has(directive)) {
            return -1;
        }
        return Math.max(0, seconds(directive));
    }

    /**
     * The field names a qualified {@code no-cache="a, b"} or {@code private="a"} lists; empty when
     * the directive is absent or unqualified.
     */
    List<String> fieldNames(String directive) {
        String argument = directives.get(directive);
        List<String> names = new ArrayList<>();
        if (argument != null) {
            for (String name : argument.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim());
                }
            }
        }
        return names;
    }

    /** Present without field names: applies to the whole response. */
    boolean unqualified(String directive) {
        return has(directive) && directives.get(directive).isBlank();
    }
}
