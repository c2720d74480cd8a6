package io.frontdesk.waf.engine.transform;

/** {@code uppercase}: ASCII letters only. */
final class Uppercase implements Transformation {

    @Override
    public String apply(String value) {
        char[] chars = value.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'a' && chars[i] <= 'z') {
                chars[i] = (char) (chars[i] & ~0x20);
            }
        }
        return new String(chars);
    }
}
