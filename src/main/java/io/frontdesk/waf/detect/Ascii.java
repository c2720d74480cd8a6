package io.frontdesk.waf.detect;

/**
 * Comparisons of byte strings (one char a byte) with upper-case ASCII words, ignoring ASCII case
 * only: no byte from 0x80 up equals a letter.
 */
final class Ascii {

    private Ascii() {
    }

    static char toUpperCase(char c) {
        return c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
    }

    /** Whether {@code s} holds {@code word} at {@code from}, before {@code end}. */
    static boolean startsWithIgnoringCase(String s, int from, int end, String word) {
        if (end - from < word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (toUpperCase(s.charAt(from + i)) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} from {@code from} to {@code end} is {@code word} once its NUL bytes are dropped. */
    static boolean equalsIgnoringCaseAndNuls(String s, int from, int end, String word) {
        int matched = 0;
        for (int i = from; i < end; i++) {
            char c = s.charAt(i);
            if (c == 0) {
                continue;
            }
            if (matched == word.length() || toUpperCase(c) != word.charAt(matched)) {
                return false;
            }
            matched++;
        }
        return matched == word.length();
    }
}
