package io.frontdesk.waf.engine.transform;

/**
 * {@code hexDecode}: each pair of characters becomes one byte, an odd last one is dropped. As in
 * ModSecurity, the pair is read as hex digits whatever it holds ({@code 0z} is 0x23), the
 * arithmetic of a hex digit applied to any character.
 */
final class HexDecode implements Transformation {

    @Override
    public String apply(String value) {
        StringBuilder out = new StringBuilder(value.length() / 2);
        for (int i = 0; i + 1 < value.length(); i += 2) {
            out.append((char) ((digit(value.charAt(i)) << 4) + digit(value.charAt(i + 1)) & 0xFF));
        }
        return out.toString();
    }

    private static int digit(char c) {
        return c >= 'A' ? (c & 0xDF) - 'A' + 10 : c - '0';
    }
}
