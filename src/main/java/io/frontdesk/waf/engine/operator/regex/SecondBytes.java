package io.frontdesk.waf.engine.operator.regex;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bytes that may follow each first byte of a match, found as {@link FirstBytes} finds the
 * first ones: a pair of bytes may begin a match when the two-byte input matches, or the matcher
 * ran out of input deciding, in the context the match begins in. Where one byte alone matches,
 * any byte may follow. A position whose byte may start a match but whose next byte may not follow
 * it there cannot start one: for CRS's shell command patterns, whose first bytes are common letters
 * (the first letters of {@code env}, {@code time}, {@code strace}), most positions of ordinary text.
 */
final class SecondBytes {

    /** For each context and first byte, the bytes that may follow it; {@code null} where any may. */
    private final long[][][] following;

    private SecondBytes(long[][][] following) {
        this.following = following;
    }

    /**
     * Those of a pattern whose first bytes in each of {@code contexts} are {@code firstInContext};
     * the contexts are those of {@link FirstBytes}.
     */
    static SecondBytes of(Pattern pattern, String[] contexts, long[][] firstInContext) {
        long[][][] following = new long[contexts.length][][];
        for (int context = 0; context < contexts.length; context++) {
            following[context] = new long[256][];
            if (contexts[context].isEmpty()) {
                continue; // the value's start: one position, not worth the pairs
            }
            String prefix = contexts[context];
            Matcher matcher = pattern.matcher("").useTransparentBounds(true).useAnchoringBounds(false);
            for (int first = 0; first < 256; first++) {
                if ((firstInContext[context][first >> 6] & (1L << first)) == 0
                        || lookingAt(matcher, prefix, String.valueOf((char) first))) {
                    continue;
                }
                long[] seconds = new long[4];
                for (int second = 0; second < 256; second++) {
                    String pair = String.valueOf((char) first) + (char) second;
                    if (lookingAt(matcher, prefix, pair) || matcher.hitEnd()) {
                        seconds[second >> 6] |= 1L << second;
                    }
                }
                following[context][first] = seconds;
            }
        }
        return new SecondBytes(following);
    }

    private static boolean lookingAt(Matcher matcher, String context, String text) {
        String input = context + text;
        return matcher.reset(input).region(context.length(), input.length()).lookingAt();
    }

    /** Whether {@code second} may follow {@code first} at the start of a match in that context. */
    boolean mayFollow(int context, char first, char second) {
        long[] seconds = following[context][first];
        return seconds == null || second > 0xFF || (seconds[second >> 6] & (1L << second)) != 0;
    }
}
