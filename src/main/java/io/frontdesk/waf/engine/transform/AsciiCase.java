package io.frontdesk.waf.engine.transform;

/** {@code lowercase} and {@code uppercase}: ASCII letters only, as C's tolower() and toupper() in the "C" locale. */
final class AsciiCase implements Transformation {

    private final boolean upper;

    AsciiCase(boolean upper) {
        this.upper = upper;
    }

    @Override
    public String apply(String value) {
        int first = 0;
        while (first < value.length() && !changes(value.charAt(first))) {
            first++;
        }
        if (first == value.length()) {
            return value;
        }
        char[] chars = value.toCharArray();
        for (int i = first; i < chars.length; i++) {
            char c = chars[i];
            if (changes(c)) {
                chars[i] = (char) (c ^ 0x20);
            }
        }
        return new String(chars);
    }

    private boolean changes(char c) {
        return upper ? c >= 'a' && c <= 'z' : c >= 'A' && c <= 'Z';
    }
}
