package io.frontdesk.waf.engine.transform;

/**
 * The transformations that decode backslash escapes ({@code jsDecode}, {@code cssDecode},
 * {@code escapeSeqDecode}): each says what one escape stands for, and what becomes of a backslash
 * ending the value (it stays, unless said otherwise).
 */
abstract class BackslashEscapes implements Transformation {

    @Override
    public final String apply(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c != '\\') {
                out.append(c);
                i++;
            } else if (i + 1 == value.length()) {
                trailingBackslash(out);
                i++;
            } else {
                i += escape(value, i, out);
            }
        }
        return out.toString();
    }

    /** Decodes the escape whose backslash is at {@code i} (a character follows it); how many chars it took. */
    abstract int escape(String value, int i, StringBuilder out);

    void trailingBackslash(StringBuilder out) {
        out.append('\\');
    }

    /** {@code \xHH} (or {@code \XHH} if {@code capitalX}): the chars taken (4), or 0 when it is not one. */
    static int hex(String value, int i, StringBuilder out, boolean capitalX) {
        char x = value.charAt(i + 1);
        if ((x == 'x' || capitalX && x == 'X') && i + 3 < value.length() && allHex(value, i + 2, 2)) {
            out.append(Bytes.hexByte(value, i + 2));
            return 4;
        }
        return 0;
    }

    /** Octal {@code \O}, {@code \OO} or {@code \OOO} up to {@code max}: the chars taken, or 0. */
    static int octal(String value, int i, StringBuilder out, int max) {
        int end = i + 1;
        int code = 0;
        while (end < value.length() && end < i + 4 && value.charAt(end) >= '0' && value.charAt(end) <= '7'
                && code * 8 + value.charAt(end) - '0' <= max) {
            code = code * 8 + value.charAt(end) - '0';
            end++;
        }
        if (end == i + 1) {
            return 0;
        }
        out.append((char) (code & 0xFF));
        return end - i;
    }

    /** The control character of {@code \a \b \f \n \r \t \v}, or 0. */
    static char control(char letter) {
        return switch (letter) {
            case 'a' -> (char) 7;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> (char) 11;
            default -> 0;
        };
    }

    static boolean allHex(String value, int start, int count) {
        for (int k = start; k < start + count; k++) {
            if (!Bytes.isHex(value.charAt(k))) {
                return false;
            }
        }
        return true;
    }
}
