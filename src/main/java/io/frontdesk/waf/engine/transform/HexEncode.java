package io.frontdesk.waf.engine.transform;

/** {@code hexEncode}: each byte as two lower-case hex digits. */
final class HexEncode implements Transformation {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    @Override
    public String apply(String value) {
        StringBuilder out = new StringBuilder(value.length() * 2);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
        }
        return out.toString();
    }
}
