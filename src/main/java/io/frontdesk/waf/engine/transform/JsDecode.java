package io.frontdesk.waf.engine.transform;

/**
 * {@code jsDecode}: JavaScript escapes: {@code \\uHHHH} (see {@link Bytes#fromUnicodeEscape}),
 * {@code \\xHH}, octal {@code \\OOO} (up to three digits, at most 0377), {@code \\a \\b \\f
 * \\n \\r \\t \\v}, and a backslash before any other character stands for that character.
 */
final class JsDecode implements Transformation {

    @Override
    public String apply(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int length = value.length();
        int i = 0;
        while (i < length) {
            char c = value.charAt(i);
            if (c != '\\' || i + 1 >= length) {
                out.append(c);
                i++;
                continue;
            }
            char next = value.charAt(i + 1);
            if (next == 'u' && i + 5 < length && allHex(value, i + 2, 4)) {
                out.append(Bytes.fromUnicodeEscape(value, i + 2));
                i += 6;
            } else if (next == 'x' && i + 3 < length && allHex(value, i + 2, 2)) {
                out.append(Bytes.hexByte(value, i + 2));
                i += 4;
            } else if (next >= '0' && next <= '7') {
                int end = i + 1;
                int code = 0;
                while (end < length && end < i + 4 && value.charAt(end) >= '0' && value.charAt(end) <= '7'
                        && code * 8 + value.charAt(end) - '0' <= 0377) {
                    code = code * 8 + value.charAt(end) - '0';
                    end++;
                }
                out.append((char) code);
                i = end;
            } else {
                out.append(switch (next) {
                    case 'a' -> (char) 7;
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'v' -> (char) 11;
                    default -> next;
                });
                i += 2;
            }
        }
        return out.toString();
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
