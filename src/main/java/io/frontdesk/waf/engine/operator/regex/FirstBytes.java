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

    private static final String[] CONTEXTS = {"", "a", " ", "\n"};

    private final long[] bits;

    private FirstBytes(long[] bits) {
        this.bits = bits;
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
        int count = 0;
        for (int b = 0; b < 256; b++) {
            for (String context : CONTEXTS) {
                Matcher matcher = after(pattern, context, String.valueOf((char) b));
                if (matcher.lookingAt() || matcher.hitEnd()) {
                    bits[b >> 6] |= 1L << (b & 63);
                    count++;
                    break;
                }
            }
        }
        return count == 256 ? null : new FirstBytes(bits);
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
}
