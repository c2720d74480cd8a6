package io.frontdesk.waf.engine.operator;

/**
 * {@code @validateUtf8Encoding}: matches when the bytes are not well-formed UTF-8: a sequence cut
 * short, a stray continuation byte, an overlong form, a surrogate or a code point past U+10FFFF.
 */
final class ValidateUtf8Encoding implements Operator {

    @Override
    public boolean matches(String value, OperatorContext context) {
        int i = 0;
        while (i < value.length()) {
            int lead = value.charAt(i);
            int length = lead < 0x80 ? 1 : lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3
                    : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
            if (length == 0 || i + length > value.length()) {
                return true;
            }
            int codePoint = length == 1 ? lead : lead & (0xFF >> (length + 1));
            for (int k = 1; k < length; k++) {
                int next = value.charAt(i + k);
                if ((next & 0xC0) != 0x80 || next > 0xFF) {
                    return true;
                }
                codePoint = codePoint << 6 | next & 0x3F;
            }
            if (length == 3 && (codePoint < 0x800 || codePoint >= 0xD800 && codePoint <= 0xDFFF)
                    || length == 4 && (codePoint < 0x10000 || codePoint > 0x10FFFF)) {
                return true;
            }
            i += length;
        }
        return false;
    }
}
