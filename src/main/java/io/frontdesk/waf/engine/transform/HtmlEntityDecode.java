package io.frontdesk.waf.engine.transform;

/**
 * {@code htmlEntityDecode}: {@code &#DDD;} and {@code &#xHH;} (the semicolon optional, any number
 * of digits, so that {@code &#0000000000123;} is {@code &#123;}) become the low byte of their code
 * point, and the named entities {@code &quot; &amp; &lt; &gt; &nbsp;} their characters
 * ({@code &nbsp;} a 0xA0 byte), as ModSecurity decodes them; anything else stays. A number too
 * large for 63 bits counts as the largest that fits, as C's {@code strtol} reads it.
 */
final class HtmlEntityDecode implements Transformation {

    private static final String[][] NAMED = {{"quot", "\""}, {"amp", "&"}, {"lt", "<"}, {"gt", ">"},
        {"nbsp", "\u00A0"}};

    @Override
    public String apply(String value) {
        if (value.indexOf('&') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        int length = value.length();
        while (i < length) {
            char c = value.charAt(i);
            if (c != '&' || i + 1 >= length) {
                out.append(c);
                i++;
                continue;
            }
            int consumed = numeric(value, i + 1, out);
            if (consumed == 0) {
                consumed = named(value, i + 1, out);
            }
            if (consumed == 0) {
                out.append(c);
                i++;
            } else {
                i += 1 + consumed;
            }
        }
        return out.toString();
    }

    /** Decodes {@code #DDD;} or {@code #xHH;} at {@code start}; the chars used, or 0. */
    private static int numeric(String value, int start, StringBuilder out) {
        if (value.charAt(start) != '#' || start + 1 >= value.length()) {
            return 0;
        }
        int i = start + 1;
        boolean hex = (value.charAt(i) | 0x20) == 'x';
        if (hex) {
            i++;
        }
        int base = hex ? 16 : 10;
        int digitsStart = i;
        long code = 0;
        while (i < value.length() && (hex ? Bytes.isHex(value.charAt(i)) : isDigit(value.charAt(i)))) {
            int digit = Bytes.hexValue(value.charAt(i));
            code = code > (Long.MAX_VALUE - digit) / base ? Long.MAX_VALUE : code * base + digit;
            i++;
        }
        if (i == digitsStart) {
            return 0;
        }
        out.append((char) (code & 0xFF));
        if (i < value.length() && value.charAt(i) == ';') {
            i++;
        }
        return i - start;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int named(String value, int start, StringBuilder out) {
        for (String[] entity : NAMED) {
            String name = entity[0];
            if (value.regionMatches(true, start, name, 0, name.length())) {
                out.append(entity[1]);
                int end = start + name.length();
                return end < value.length() && value.charAt(end) == ';' ? name.length() + 1 : name.length();
            }
        }
        return 0;
    }
}
