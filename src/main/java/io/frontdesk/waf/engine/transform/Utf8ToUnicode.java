package io.frontdesk.waf.engine.transform;

/**
 * {@code utf8toUnicode}: each well-formed multi-byte UTF-8 sequence becomes {@code %uhhhh} (the
 * code point, at least four lower-case hex digits); ASCII and malformed bytes stay as they are.
 */
final class Utf8ToUnicode implements Transformation {

    @Override
    public String apply(String value) {
        StringBuilder out = null;
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            int length = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 1;
            int codePoint = length == 1 ? -1 : decode(value, i, length);
            if (codePoint < 0) {
                if (out != null) {
                    out.append(c);
                }
                i++;
                continue;
            }
            if (out == null) {
                out = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            String hex = Integer.toHexString(codePoint);
            out.append("%u");
            for (int pad = hex.length(); pad < 4; pad++) {
                out.append('0');
            }
            out.append(hex);
            i += length;
        }
        return out == null ? value : out.toString();
    }

    /** The code point of a sequence, or -1 when it is cut short, malformed or overlong. */
    private static int decode(String value, int start, int length) {
        if (start + length > value.length()) {
            return -1;
        }
        int codePoint = value.charAt(start) & (0xFF >> (length + 1));
        for (int k = 1; k < length; k++) {
            char next = value.charAt(start + k);
            if ((next & 0xC0) != 0x80 || next > 0xFF) {
                return -1;
            }
            codePoint = codePoint << 6 | next & 0x3F;
        }
        int smallest = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
        return codePoint < smallest || codePoint > 0x10FFFF ? -1 : codePoint;
    }
}
