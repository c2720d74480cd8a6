package io.frontdesk.waf.engine.transform;

/** {@code urlEncode}: letters, digits and {@code *-._} stay, space becomes +, every other byte %HH. */
final class UrlEncode implements Transformation {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    @Override
    public String apply(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '*' || c == '-'
                    || c == '.' || c == '_') {
                out.append(c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
