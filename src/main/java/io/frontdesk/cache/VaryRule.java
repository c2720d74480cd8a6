package io.frontdesk.cache;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;

import io.frontdesk.compression.AcceptEncoding;

/**
 * The request headers a stored response varies on (RFC 9111 section 4.1). Stored under the
 * primary key; each variant lives under the primary key extended by the normalised values of
 * these headers in the request that produced it, so one lookup finds the right one.
 */
record VaryRule(List<String> headerNames) implements Stored {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** The header names of the Vary fields, lower-cased and sorted; {@code null} for {@code Vary: *}. */
    static List<String> namesOf(HttpHeaders response) {
        List<String> values = response.get(HttpHeaders.VARY);
        if (values == null) {
            return List.of();
        }
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        for (String value : values) {
            for (String name : value.split(",")) {
                String trimmed = name.trim().toLowerCase(Locale.ROOT);
                if (trimmed.equals("*")) {
                    return null;
                }
                if (!trimmed.isEmpty()) {
                    names.add(trimmed);
                }
            }
        }
        return List.copyOf(names);
    }

    /**
     * The variant key of a request: the primary key and the normalised value of each header;
     * Accept-Encoding reduced to the codings Frontdesk's compression would pick from, in the
     * client's order of preference ({@link AcceptEncoding#variantKey}), so that the many ways
     * browsers write it make a few variants rather than hundreds, and each variant holds the one
     * coding its requests get.
     */
    String variantKey(String primaryKey, HttpHeaders request) {
        StringBuilder key = new StringBuilder(primaryKey).append("\n#");
        for (String name : headerNames) {
            String value = name.equals("accept-encoding") ? AcceptEncoding.variantKey(request)
                    : normalised(request.get(name));
            key.append(name).append('=').append(value).append(';');
        }
        return key.toString();
    }

    /** Values joined, lower-cased and with whitespace collapsed. */
    private static String normalised(List<String> values) {
        if (values == null || values.isEmpty()) {
            return "";
        }
        return WHITESPACE.matcher(String.join(",", values).toLowerCase(Locale.ROOT)).replaceAll("");
    }
}
