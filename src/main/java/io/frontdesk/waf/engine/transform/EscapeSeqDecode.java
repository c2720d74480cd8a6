package io.frontdesk.waf.engine.transform;

/**
 * {@code escapeSeqDecode}: ANSI C escapes: {@code \\a \\b \\f \\n \\r \\t \\v \\\\ \\? \\' \\"},
 * {@code \\xHH} and octal {@code \\OOO}; an unknown escape stays as written.
 */
final class EscapeSeqDecode implements Transformation {

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
            if (next == 'x' && i + 3 < length && JsDecode.allHex(value, i + 2, 2)) {
                out.append(Bytes.hexByte(value, i + 2));
                i += 4;
            } else if (next >= '0' && next <= '7') {
                int end = i + 1;
                int code = 0;
                while (end < length && end < i + 4 && value.charAt(end) >= '0' && value.charAt(end) <= '7') {
                    code = code * 8 + value.charAt(end) - '0';
                    end++;
                }
                out.append((char) (code & 0xFF));
                i = end;
            } else {
                char decoded = switch (next) {
                    case 'a' -> (char) 7;
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'v' -> (char) 11;
                    case '\\', '?', '\'', '"' -> next;
                    default -> 0;
                };
                if (decoded == 0) {
                    out.append(c).append(next);
                } else {
                    out.append(decoded);
                }
                i += 2;
            }
        }
        return out.toString();
    }
}
