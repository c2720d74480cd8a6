package io.frontdesk.waf.engine.transform;

/** Small helpers shared by transformations on byte strings. */
final class Bytes {

    private Bytes() {
    }

    static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    static int hexValue(char c) {
        return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }

    /** Two hex digits at {@code i} as one byte. */
    static char hexByte(String value, int i) {
        return (char) (hexValue(value.charAt(i)) << 4 | hexValue(value.charAt(i + 1)));
    }

    /** C's isspace() in the "C" locale: space, tab, newline, vertical tab, form feed, carriage return. */
    static boolean isSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    /** {@link #isSpace}, or the non-breaking space (0xA0) ModSecurity's whitespace transformations count too. */
    static boolean isSpaceOrNbsp(char c) {
        return isSpace(c) || c == 0xA0;
    }

    /**
     * The byte a %uHHHH (or \\uHHHH) escape stands for: full-width ASCII (U+FF01 to U+FF5E) becomes
     * its ASCII twin, anything else its low byte, as ModSecurity does without a Unicode map.
     */
    static char fromUnicodeEscape(String value, int i) {
        int high = hexByte(value, i);
        int low = hexByte(value, i + 2);
        if (high == 0xFF && low >= 0x01 && low <= 0x5E) {
            return (char) (low + 0x20);
        }
        return (char) low;
    }
}
