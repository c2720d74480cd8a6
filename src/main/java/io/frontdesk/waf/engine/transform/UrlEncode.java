package io.frontdesk.waf.engine.transform;

/**
 * {@code urlEncode}: letters, digits and {@code *} stay, space becomes +, every other byte %hh, as
 * in ModSecurity.
 * Built with other marks and upper-case hex, it is the form escaping of Go's {@code url.QueryEscape}.
 */
public final class UrlEncode implements Transformation {

    private final String unreservedMarks;
    private final char[] hex;

    UrlEncode() {
        this("*", false);
    }

    /** Letters, digits and {@code unreservedMarks} stay, space becomes +, every other byte %HH or %hh. */
    public UrlEncode(String unreservedMarks, boolean upperCaseHex) {
        this.unreservedMarks = unreservedMarks;
        this.hex = (upperCaseHex ? "0123456789ABCDEF" : "0123456789abcdef").toCharArray();
    }

    @Override
    public String apply(String value) {
        int clean = 0;
        while (clean < value.length() && stays(value.charAt(clean))) {
            clean++;
        }
        if (clean == value.length()) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 16).append(value, 0, clean);
        for (int i = clean; i < value.length(); i++) {
            char c = value.charAt(i);
            if (stays(c)) {
                out.append(c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(hex[c >> 4 & 0xF]).append(hex[c & 0xF]);
            }
        }
        return out.toString();
    }

    private boolean stays(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || unreservedMarks.indexOf(c) >= 0;
    }
}
