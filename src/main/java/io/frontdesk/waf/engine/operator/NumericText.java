package io.frontdesk.waf.engine.operator;

/**
 * Text read as an integer the way C's atoi() reads it, as ModSecurity does for numeric operators
 * and {@code setvar} arithmetic: leading blanks, an optional sign, then digits up to the first
 * other character ({@code 5abc} is 5, {@code abc} and {@code null} are 0); clamped to int.
 */
public final class NumericText {

    private NumericText() {
    }

    public static int atoi(String text) {
        if (text == null) {
            return 0;
        }
        int i = 0;
        int length = text.length();
        while (i < length && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < length && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        long value = 0;
        while (i < length && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            value = Math.min(value * 10 + text.charAt(i) - '0', (long) Integer.MAX_VALUE + 1);
            i++;
        }
        long signed = negative ? -value : value;
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, signed));
    }
}
