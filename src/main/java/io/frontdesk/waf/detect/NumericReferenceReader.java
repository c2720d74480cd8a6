package io.frontdesk.waf.detect;

/**
 * Reads part of a byte string a character at a time, decoding numeric character references
 * ({@code &#106;}, {@code &#x6A}, the {@code ;} optional) as libinjection does before it looks at a
 * URL: named references stay as written, and a reference whose value passes 0x1000FF is a plain
 * {@code &}. Values are not checked further; a caller compares their low byte.
 */
final class NumericReferenceReader {

    private static final int LARGEST = 0x1000FF;

    private final String text;
    private final int end;
    private int pos;

    NumericReferenceReader(String text, int from, int end) {
        this.text = text;
        this.pos = from;
        this.end = end;
    }

    boolean hasNext() {
        return pos < end;
    }

    int next() {
        char c = text.charAt(pos);
        if (c != '&' || end - pos < 2 || text.charAt(pos + 1) != '#') {
            pos++;
            return c;
        }
        int at = pos + 2;
        int radix = at < end && (text.charAt(at) == 'x' || text.charAt(at) == 'X') ? 16 : 10;
        if (radix == 16) {
            at++;
        }
        int value = 0;
        int digits = 0;
        for (; at < end; at++) {
            char digit = text.charAt(at);
            if (digit == ';' && digits > 0) {
                at++;
                break;
            }
            int weight = Character.digit(digit, radix);
            if (weight < 0) {
                break;
            }
            value = value * radix + weight;
            digits++;
            if (value > LARGEST) {
                digits = 0;
                break;
            }
        }
        if (digits == 0) {
            pos++;
            return '&';
        }
        pos = at;
        return value;
    }
}
