package io.frontdesk.waf.engine.operator.regex;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a pattern's translation into java.util.regex's syntax, in the small regular form
 * {@link PcreTranslator} writes (literals spelt one way, no comments, no quoting, no named
 * groups), piece by piece: what {@link RequiredAtoms} and {@link PlainTextForm} share. A
 * construct a reader does not know ends the reading with {@link Unrecognised}.
 */
abstract class TranslationReader {

    /**
     * Characters beyond the bytes a class is tried with, one it matches making it match beyond
     * bytes: those java.util.regex's {@code \h} and {@code \v} take, the two that fold to ASCII
     * letters under Unicode case, and others. Values are byte strings; this keeps the readings
     * sound beyond them.
     */
    static final String BEYOND_BYTES = "\u0100\u017f\u212a\u1680\u2000\u200a\u2028\u2029\u202f\u205f"
            + "\u3000\uffff";

    /** A construct the reader does not know; the reading gives up on the whole pattern. */
    static final class Unrecognised extends RuntimeException {
        Unrecognised() {
            super(null, null, false, false);
        }
    }

    final String source;
    int position;

    TranslationReader(String source) {
        this.source = source;
    }

    /**
     * A piece that matches one character, compiled on its own caselessly (which only adds bytes)
     * as the translation's flags have it.
     */
    static Pattern singleCharacter(String piece) {
        try {
            return Pattern.compile(piece, Pattern.CASE_INSENSITIVE | PcreTranslator.JAVA_FLAGS);
        } catch (PatternSyntaxException e) {
            throw new Unrecognised();
        }
    }

    /** Whether the piece matches one of the characters beyond bytes. */
    static boolean matchesBeyondBytes(Pattern piece) {
        for (int i = 0; i < BEYOND_BYTES.length(); i++) {
            if (piece.matcher(BEYOND_BYTES.substring(i, i + 1)).matches()) {
                return true;
            }
        }
        return false;
    }

    /** After {@code \x}: the {@code {hh}} that follows, consumed; the byte it names. */
    char hexByte() {
        expect('{');
        int end = source.indexOf('}', position);
        if (end < 0) {
            throw new Unrecognised();
        }
        String digits = source.substring(position, end);
        position = end + 1;
        if (digits.isEmpty() || digits.length() > 2 || !digits.chars().allMatch(d -> Character.digit(d, 16) >= 0)) {
            throw new Unrecognised();
        }
        return (char) Integer.parseInt(digits, 16);
    }

    /**
     * After a class's {@code [}, which is at {@code start}: the class up to its first unescaped
     * {@code ]} (the translation escapes a {@code ]} member), consumed. Nested classes and
     * intersections are not recognised.
     */
    String characterClassFrom(int start) {
        while (true) {
            char c = read();
            if (c == ']') {
                return source.substring(start, position);
            }
            if (c == '[' || c == '&' && peek() == '&') {
                throw new Unrecognised();
            }
            if (c == '\\') {
                char escaped = read();
                if ((escaped == 'x' || escaped == 'p' || escaped == 'P') && peek() == '{') {
                    int end = source.indexOf('}', position);
                    if (end < 0) {
                        throw new Unrecognised();
                    }
                    position = end + 1;
                }
            }
        }
    }

    int number() {
        int start = position;
        while (!atEnd() && peek() >= '0' && peek() <= '9') {
            position++;
        }
        if (start == position || position - start > 9) {
            throw new Unrecognised();
        }
        return Integer.parseInt(source.substring(start, position));
    }

    boolean atEnd() {
        return position >= source.length();
    }

    char peek() {
        return source.charAt(position);
    }

    char read() {
        if (atEnd()) {
            throw new Unrecognised();
        }
        return source.charAt(position++);
    }

    boolean next(char expected) {
        if (!atEnd() && peek() == expected) {
            position++;
            return true;
        }
        return false;
    }

    void expect(char expected) {
        if (!next(expected)) {
            throw new Unrecognised();
        }
    }
}
