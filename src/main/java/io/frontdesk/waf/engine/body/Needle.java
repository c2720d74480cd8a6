package io.frontdesk.waf.engine.body;

/**
 * One fixed string to look for, in time linear in the text however the text repeats the string's
 * beginnings (Knuth-Morris-Pratt): a boundary of dashes searched for in a line of dashes stays cheap.
 */
final class Needle {

    private final String pattern;
    /** For each prefix length, the length of its longest proper prefix that is also its suffix. */
    private final int[] border;

    Needle(String pattern) {
        this.pattern = pattern;
        border = new int[pattern.length() + 1];
        int k = 0;
        for (int i = 1; i < pattern.length(); i++) {
            while (k > 0 && pattern.charAt(i) != pattern.charAt(k)) {
                k = border[k];
            }
            if (pattern.charAt(i) == pattern.charAt(k)) {
                k++;
            }
            border[i + 1] = k;
        }
    }

    /** Whether the pattern lies wholly inside {@code text[start, end)}. */
    boolean occursIn(String text, int start, int end) {
        int matched = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            while (matched > 0 && c != pattern.charAt(matched)) {
                matched = border[matched];
            }
            if (c == pattern.charAt(matched)) {
                matched++;
                if (matched == pattern.length()) {
                    return true;
                }
            }
        }
        return false;
    }
}
