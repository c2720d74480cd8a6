package io.frontdesk.waf.engine.body;

import java.util.Locale;
import io.frontdesk.waf.engine.body.MultipartStatus.Flag;

/**
 * Finds the boundary in a {@code multipart/form-data} Content-Type as strictly as ModSecurity does:
 * exactly one {@code boundary} parameter, spelt in lower case, after at most one semicolon; quoted
 * or not, with only the characters RFC 2046 allows. Whitespace, quotes and a missing semicolon
 * raise their flags; anything worse is an error.
 */
final class MultipartBoundary {

    private static final String MEDIA_TYPE = "multipart/form-data";
    private static final String PARAMETER = "boundary";
    private static final int LONGEST_HEADER = 1024;

    private MultipartBoundary() {
    }

    /** The boundary, or {@code null} after reporting why there is none. */
    static String read(String contentType, MultipartStatus status) {
        if (contentType == null || contentType.isEmpty()) {
            status.error("Multipart: Content-Type header not available.");
            return null;
        }
        if (contentType.length() > LONGEST_HEADER) {
            status.error("Multipart: Invalid boundary in C-T (length).");
            return null;
        }
        String header = upToNul(contentType);
        if (!header.regionMatches(true, 0, MEDIA_TYPE, 0, MEDIA_TYPE.length())) {
            status.error("Multipart: Invalid MIME type.");
            return null;
        }
        if (countParameters(header) > 1) {
            status.error("Multipart: Multiple boundary parameters in C-T.");
            return null;
        }
        int name = header.indexOf(PARAMETER);
        if (name < 0) {
            status.error(countParameters(header) > 0 ? "Multipart: Invalid boundary in C-T (case sensitivity)."
                    : "Multipart: Boundary not found in C-T.");
            return null;
        }
        String value = parameterValue(header, name, status);
        return value == null ? null : checked(value, status);
    }

    /** What follows {@code boundary=}, after checking what comes before it. */
    private static String parameterValue(String header, int name, MultipartStatus status) {
        boolean semicolon = false;
        for (int i = MEDIA_TYPE.length(); i < name; i++) {
            char c = header.charAt(i);
            if (CharClass.isSpace(c)) {
                continue;
            }
            if (c != ';' || semicolon) {
                status.error("Multipart: Invalid boundary in C-T (malformed).");
                return null;
            }
            semicolon = true;
        }
        if (!semicolon) {
            status.raise(Flag.MISSING_SEMICOLON);
        }
        int equals = header.indexOf('=', name + PARAMETER.length());
        if (equals < 0) {
            status.error("Multipart: Invalid boundary in C-T (malformed).");
            return null;
        }
        for (int i = name + PARAMETER.length(); i < equals; i++) {
            if (!CharClass.isSpace(header.charAt(i))) {
                status.error("Multipart: Invalid boundary in C-T (parameter name).");
                return null;
            }
            status.raise(Flag.BOUNDARY_WHITESPACE);
        }
        String value = header.substring(equals + 1);
        if (!value.isEmpty() && CharClass.isSpace(value.charAt(0))) {
            status.raise(Flag.BOUNDARY_WHITESPACE);
        }
        return value;
    }

    private static String checked(String value, MultipartStatus status) {
        int length = value.length();
        boolean quoted = length >= 2 && value.charAt(0) == '"' && value.charAt(length - 1) == '"';
        if (!quoted && (length >= 1 && value.charAt(0) == '"' || length >= 2 && value.charAt(length - 1) == '"')) {
            status.error("Multipart: Invalid boundary in C-T (quote).");
            return null;
        }
        String boundary = quoted ? value.substring(1, length - 1) : value;
        // ModSecurity gives up without a word on an empty boundary, and inspects nothing.
        if (boundary.isEmpty()) {
            status.error("Multipart: Invalid boundary in C-T (empty).");
            return null;
        }
        if (quoted) {
            status.raise(Flag.BOUNDARY_QUOTED);
        }
        if (countParameters(boundary) != 0) {
            status.error("Multipart: Invalid boundary in C-T (content).");
            return null;
        }
        // Tolerated: a parameter after the boundary, as some frameworks send (; charset=UTF-8).
        int semicolon = boundary.indexOf(';');
        if (!validCharacters(boundary) && semicolon >= 0) {
            boundary = boundary.substring(0, semicolon);
        }
        if (!validCharacters(boundary)) {
            status.error("Multipart: Invalid boundary in C-T (characters).");
            return null;
        }
        return boundary;
    }

    /** How many times "boundary" (any case) appears with an equals sign somewhere after it. */
    private static int countParameters(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int lastEquals = lower.lastIndexOf('=');
        int count = 0;
        int at = lower.indexOf(PARAMETER);
        while (at >= 0 && at + PARAMETER.length() <= lastEquals) {
            count++;
            at = lower.indexOf(PARAMETER, at + PARAMETER.length());
        }
        return count;
    }

    /** RFC 2046's boundary characters; a space, but not at the end. */
    private static boolean validCharacters(String boundary) {
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            if (!(CharClass.isAlnum(c) || "'()+_,-./:=?".indexOf(c) >= 0
                    || c == ' ' && i + 1 < boundary.length())) {
                return false;
            }
        }
        return true;
    }

    /** The header as C string functions see it: up to its first NUL. */
    private static String upToNul(String text) {
        int nul = text.indexOf('\0');
        return nul < 0 ? text : text.substring(0, nul);
    }
}
