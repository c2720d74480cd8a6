package io.frontdesk.waf.conformance.ftw;

/**
 * Escaping of a form field name or value, identical in Go's {@code url.QueryEscape} and Python's
 * {@code quote_plus}: {@code A-Z a-z 0-9 - _ . ~} stay, a space becomes {@code +}, every other byte
 * {@code %XX} in upper-case hex.
 */
final class FormEscaping {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private FormEscaping() {
    }

    /** Escapes a byte string. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append(c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
