package io.frontdesk.waf.detect;

import java.util.Map;

/**
 * Character references in an attribute value, decoded as a browser does before it reads the value
 * as a URL or style: {@code &#106;}, {@code &#x6A}, with or without the {@code ;} and with any
 * leading zeros, and the named ones that spell out URL syntax ({@code &colon;}, {@code &Tab;} ...).
 */
final class HtmlEntities {

    private static final Map<String, Character> NAMED = Map.ofEntries(
            Map.entry("amp", '&'), Map.entry("lt", '<'), Map.entry("gt", '>'), Map.entry("quot", '"'),
            Map.entry("apos", '\''), Map.entry("nbsp", '\u00A0'), Map.entry("tab", '\t'), Map.entry("newline", '\n'),
            Map.entry("colon", ':'), Map.entry("lpar", '('), Map.entry("rpar", ')'), Map.entry("sol", '/'),
            Map.entry("bsol", '\\'), Map.entry("comma", ','), Map.entry("period", '.'), Map.entry("semi", ';'),
            Map.entry("equals", '='), Map.entry("excl", '!'), Map.entry("grave", '`'), Map.entry("num", '#'),
            Map.entry("percnt", '%'), Map.entry("plus", '+'));

    /** Longer names are not in the list; more digits would overflow any code point. */
    private static final int LONGEST = 8;

    private HtmlEntities() {
    }

    static String decode(String value) {
        int amp = value.indexOf('&');
        if (amp < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        out.append(value, 0, amp);
        int i = amp;
        while (i < value.length()) {
            char c = value.charAt(i);
            int end = c == '&' ? reference(value, i + 1, out) : -1;
            if (end < 0) {
                out.append(c);
                i++;
            } else {
                i = end;
            }
        }
        return out.toString();
    }

    /** Decodes the reference after the {@code &} at {@code from - 1}; where it ends, or -1 when there is none. */
    private static int reference(String value, int from, StringBuilder out) {
        if (from < value.length() && value.charAt(from) == '#') {
            boolean hex = from + 1 < value.length() && (value.charAt(from + 1) | 0x20) == 'x';
            int i = hex ? from + 2 : from + 1;
            int digitsFrom = i;
            long code = 0;
            while (i < value.length() && Character.digit(value.charAt(i), hex ? 16 : 10) >= 0) {
                if (code <= 0x10FFFF) {
                    code = code * (hex ? 16 : 10) + Character.digit(value.charAt(i), hex ? 16 : 10);
                }
                i++;
            }
            if (i == digitsFrom) {
                return -1;
            }
            out.append(code <= 0xFFFF ? (char) code : '\uFFFD');
            return i < value.length() && value.charAt(i) == ';' ? i + 1 : i;
        }
        int i = from;
        while (i < value.length() && i - from < LONGEST && Character.isLetter(value.charAt(i))) {
            i++;
        }
        Character named = NAMED.get(value.substring(from, i).toLowerCase(java.util.Locale.ROOT));
        if (named == null) {
            return -1;
        }
        out.append(named.charValue());
        return i < value.length() && value.charAt(i) == ';' ? i + 1 : i;
    }
}
