package io.frontdesk.waf.engine.transform;

/**
 * {@code urlDecode}: %HH becomes its byte and + a space; a % not followed by two hex digits stays.
 * {@code urlDecodeUni} also decodes %uHHHH (see {@link Bytes#fromUnicodeEscape}).
 */
final class UrlDecode implements Transformation {

    private final boolean unicode;

    UrlDecode(boolean unicode) {
        this.unicode = unicode;
    }

    @Override
    public String apply(String value) {
        if (value.indexOf('%') < 0 && value.indexOf('+') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (unicode && i + 5 < length && (value.charAt(i + 1) | 0x20) == 'u' && Bytes.isHex(value.charAt(i + 2))
                        && Bytes.isHex(value.charAt(i + 3)) && Bytes.isHex(value.charAt(i + 4))
                        && Bytes.isHex(value.charAt(i + 5))) {
                    out.append(Bytes.fromUnicodeEscape(value, i + 2));
                    i += 5;
                    continue;
                }
                if (i + 2 < length && Bytes.isHex(value.charAt(i + 1)) && Bytes.isHex(value.charAt(i + 2))) {
                    out.append(Bytes.hexByte(value, i + 1));
                    i += 2;
                    continue;
                }
                out.append(c);
            } else {
                out.append(c == '+' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
