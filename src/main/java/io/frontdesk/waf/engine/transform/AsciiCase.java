package io.frontdesk.waf.engine.transform;

/** {@code lowercase} and {@code uppercase}: ASCII letters only, as C's tolower() and toupper() in the "C" locale. */
final class AsciiCase implements Transformation {

    private final boolean upper;

    AsciiCase(boolean upper) {
        this.upper = upper;
    }

    @Override
    public String apply(String value) {
        char[] chars = value.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (upper ? c >= 'a' && c <= 'z' : c >= 'A' && c <= 'Z') {
                chars[i] = (char) (c ^ 0x20);
            }
        }
        return new String(chars);
    }
}
