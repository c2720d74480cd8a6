package io.frontdesk.waf.engine.transform;

/** {@code lowercase}: ASCII letters only, as C's tolower() in the "C" locale. */
final class Lowercase implements Transformation {

    @Override
    public String apply(String value) {
        char[] chars = value.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'A' && chars[i] <= 'Z') {
                chars[i] = (char) (chars[i] | 0x20);
            }
        }
        return new String(chars);
    }
}
