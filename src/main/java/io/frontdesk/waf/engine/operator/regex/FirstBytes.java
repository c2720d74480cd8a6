package io.frontdesk.waf.engine.operator.regex;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bytes a pattern's match can start with, found once by asking java.util.regex itself: a byte
 * can start a match when the one-byte input matches, or when the matcher ran out of input
 * deciding ({@link Matcher#hitEnd()}), for every context a match may begin in (the start of the
 * value, after a word character, after a space, after a line feed). A value holding none of these
 * bytes cannot match, so its search is skipped: on CRS, most values hold none of the bytes most
 * patterns start with.
 *
 * <p>No such set is made (and nothing is skipped) for a pattern that may match the empty string,
 * whose matches may then start anywhere, one that looks behind further than a word boundary, whose
 * context could be any byte, or one any byte may start.
 */
final class FirstBytes {

    /** Where a match may begin: the start of the value, after a word character, a space (any other byte), a line feed. */
    private static final String[] CONTEXTS = {"", "a", " ", "\n"};
    private static final int AT_START = 0;
    private static final int AFTER_WORD = 1;
    private static final int AFTER_OTHER = 2;
    private static final int AFTER_LINE_FEED = 3;

    /** The bytes that may start a match in any context. */
    private final long[] bits;
    /** For each context, the bytes that may start a match there. */
    private final long[][] inContext;
    /**
     * Whether {@link #nextStart} may be used: false when the pattern reads {@code \G}, which a
     * match tried at one position (rather than searched for from the start) would take there.
     */
    private final boolean positional;
    /** The bytes that may follow the first, or {@code null} when the first bytes are rare in ordinary text. */
    private final SecondBytes second;

    private FirstBytes(long[] bits, long[][] inContext, boolean positional, SecondBytes second) {
        this.bits = bits;
        this.inContext = inContext;
        this.positional = positional;
        this.second = second;
    }

    /** The set for a pattern compiled from {@code javaSource}, or {@code null} when none can be made. */
    static FirstBytes of(Pattern pattern, String javaSource) {
        String rest = javaSource.replace(PcreTranslator.JAVA_WORD_BOUNDARY, "")
                .replace(PcreTranslator.JAVA_NOT_WORD_BOUNDARY, "");
        if (rest.contains("(?<=") || rest.contains("(?<!")) {
            return null;
        }
        for (String context : CONTEXTS) {
            if (after(pattern, context, "").lookingAt()) {
                return null;
            }
        }
        long[] bits = new long[4];
        long[][] inContext = new long[CONTEXTS.length][4];
        for (int b = 0; b < 256; b++) {
            for (int context = 0; context < CONTEXTS.length; context++) {
                Matcher matcher = after(pattern, CONTEXTS[context], String.valueOf((char) b));
                if (matcher.lookingAt() || matcher.hitEnd()) {
                    inContext[context][b >> 6] |= 1L << (b & 63);
                    bits[b >> 6] |= 1L << (b & 63);
                }
            }
        }
        if (Long.bitCount(bits[0]) + Long.bitCount(bits[1]) + Long.bitCount(bits[2]) + Long.bitCount(bits[3]) == 256) {
            return null;
        }
        boolean positional = !javaSource.contains("\\G");
        SecondBytes second = positional && startsWords(bits) ? SecondBytes.of(pattern, CONTEXTS, inContext) : null;
        return new FirstBytes(bits, inContext, positional, second);
    }

    /** Whether a letter or a digit may start a match: then many positions of ordinary text may. */
    private static boolean startsWords(long[] bits) {
        return (bits[0] & 0x03ff_0000_0000_0000L) != 0 || (bits[1] & 0x07ff_fffe_07ff_fffeL) != 0;
    }

    /** A matcher over {@code text} that sees the context before it, as a search inside a value would. */
    private static Matcher after(Pattern pattern, String context, String text) {
        String input = context + text;
        return pattern.matcher(input).useTransparentBounds(true).useAnchoringBounds(false)
                .region(context.length(), input.length());
    }

    /** Whether some byte of the scanned value may start a match. */
    boolean mayStartIn(ScannedValue value) {
        return value.holdsAnyOf(bits);
    }

    /** Whether some byte of the value may start a match. */
    boolean mayStartIn(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF || (bits[c >> 6] & (1L << (c & 63))) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@link #nextStart} tells where matches may start in a value. */
    boolean positional() {
        return positional;
    }

    /**
     * The first position from {@code from} on at which a match may start in the value, judged by
     * its byte and the one before it, or -1 when there is none: a match may start only where the
     * byte may start one in the context the previous byte makes (a word character, a line feed,
     * any other byte, or none at the value's start). Only for a {@link #positional()} set.
     */
    int nextStart(String value, int from) {
        int last = value.length() - 1;
        for (int i = from; i <= last; i++) {
            char c = value.charAt(i);
            if (c > 0xFF) {
                return i;
            }
            int context = contextAt(value, i);
            long[] first = context < 0 ? bits : inContext[context];
            if ((first[c >> 6] & (1L << c)) != 0
                    && (second == null || context < 0 || i == last || second.mayFollow(context, c, value.charAt(i + 1)))) {
                return i;
            }
        }
        return -1;
    }

    /** The context of that position of the value, -1 when it is none of {@link #CONTEXTS}. */
    private static int contextAt(String value, int i) {
        if (i == 0) {
            return AT_START;
        }
        char before = value.charAt(i - 1);
        if (before > 0xFF) {
            return -1;
        }
        if (before == '\n') {
            return AFTER_LINE_FEED;
        }
        return isWord(before) ? AFTER_WORD : AFTER_OTHER;
    }

    /** java.util.regex's {@code \w} without Unicode classes, as the translation's word boundaries read it. */
    private static boolean isWord(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }
}
