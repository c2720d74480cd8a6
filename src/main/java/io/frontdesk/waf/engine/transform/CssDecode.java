package io.frontdesk.waf.engine.transform;

/**
 * {@code cssDecode}: CSS escapes: a backslash and one to six hex digits (one whitespace after
 * them is part of the escape) stand for the byte of the last two digits, full-width ASCII
 * (U+FF01 to U+FF5E) for its ASCII twin; a backslash before a newline is dropped with it; a
 * backslash before any other character stands for that character, and one ending the value is dropped.
 */
final class CssDecode extends BackslashEscapes {

    @Override
    int escape(String value, int i, StringBuilder out) {
        int length = value.length();
        int digits = 0;
        while (digits < 6 && i + 1 + digits < length && Bytes.isHex(value.charAt(i + 1 + digits))) {
            digits++;
        }
        if (digits == 0) {
            char next = value.charAt(i + 1);
            if (next != '\n') {
                out.append(next);
            }
            return 2;
        }
        int start = i + 1;
        if (digits == 1) {
            out.append((char) Bytes.hexValue(value.charAt(start)));
        } else if (digits >= 4 && fullWidth(value, start + digits - 4)) {
            out.append((char) (Bytes.hexByte(value, start + digits - 2) + 0x20));
        } else {
            out.append(Bytes.hexByte(value, start + digits - 2));
        }
        int end = start + digits;
        return end < length && Bytes.isSpace(value.charAt(end)) ? end + 1 - i : end - i;
    }

    @Override
    void trailingBackslash(StringBuilder out) {
        // A continuation to nothing.
    }

    private static boolean fullWidth(String value, int start) {
        int high = Bytes.hexByte(value, start);
        int low = Bytes.hexByte(value, start + 2);
        return high == 0xFF && low >= 0x01 && low <= 0x5E;
    }
}
