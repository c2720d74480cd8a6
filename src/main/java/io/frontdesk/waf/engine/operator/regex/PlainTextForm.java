package io.frontdesk.waf.engine.operator.regex;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a pattern becomes on plain text: values of ASCII letters, digits, spaces and
 * {@code .,-_:/@} only, as most values of ordinary requests are. Many CRS patterns allow, between
 * the letters of a word, quotes, backslashes or shell expansions an evasion would put there; on
 * plain text those parts can only match nothing. Dropped, they leave a pattern that matches exactly
 * where the original does on such text, with the same match (the branches that remain keep their
 * order, and an optional part that can only be empty is always taken empty), and whose words a
 * {@link Prefilter} can ask for.
 *
 * <p>The rewrite reads the pattern's translation in the small regular form {@link PcreTranslator}
 * writes, as {@link RequiredAtoms} does. A piece none of whose bytes is plain can never match; a
 * sequence holding one cannot either; an alternation loses such branches; a piece that may be
 * absent is dropped, a negative lookaround on it holds always. Patterns with capturing groups or
 * back references are left alone: dropping a group would renumber the others.
 */
final class PlainTextForm {

    /** The bytes of plain text, four words of 64. */
    static final long[] PLAIN_BYTES = plainBytes();
    /** A pattern that matches nowhere: what a pattern that needs bytes plain text lacks becomes. */
    static final String NOWHERE = "(?!)";

    private static final Pattern FLAGS = Pattern.compile("\\(\\?[ims-]*\\)");
    private static final String BEYOND_BYTES = "\u0100\u017f\u212a\u2028\uffff";

    /** A construct the rewrite does not know, or a capturing group; the pattern is then left alone. */
    private static final class Unrecognised extends RuntimeException {
        Unrecognised() {
            super(null, null, false, false);
        }
    }

    private final String source;
    private final Map<String, Boolean> classes = new HashMap<>();
    private int position;

    private PlainTextForm(String source) {
        this.source = source;
    }

    /**
     * The translation {@code javaSource} rewritten for plain text, {@link #NOWHERE} when it cannot
     * match plain text, or {@code null} when the rewrite changes nothing or does not apply.
     */
    static String of(String javaSource) {
        PlainTextForm rewrite = new PlainTextForm(javaSource);
        try {
            String whole = rewrite.alternation();
            if (!rewrite.atEnd()) {
                return null;
            }
            if (whole == null) {
                return NOWHERE;
            }
            return whole.equals(javaSource) ? null : whole;
        } catch (Unrecognised e) {
            return null;
        }
    }

    /** Whether the byte is one plain text may hold. */
    static boolean isPlain(char c) {
        return c < 256 && (PLAIN_BYTES[c >> 6] & 1L << c) != 0;
    }

    private static long[] plainBytes() {
        long[] bytes = new long[4];
        String plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-_:/@";
        plain.chars().forEach(c -> bytes[c >> 6] |= 1L << c);
        return bytes;
    }

    /**
     * Branches; null when none can match plain text. The flags a dropped branch sets, as
     * {@code (?i)}, hold for the branches after it: they open the next branch kept.
     */
    private String alternation() {
        StringBuilder kept = new StringBuilder();
        StringBuilder droppedFlags = new StringBuilder();
        boolean any = false;
        do {
            StringBuilder flags = new StringBuilder();
            String branch = sequence(flags);
            if (branch == null) {
                droppedFlags.append(flags);
                continue;
            }
            if (any) {
                kept.append('|');
            }
            kept.append(droppedFlags).append(branch);
            droppedFlags.setLength(0);
            any = true;
        } while (next('|'));
        return any ? kept.toString() : null;
    }

    /**
     * Pieces up to the end of a branch, the flags they set added to {@code flags}; null when one of
     * them cannot match plain text.
     */
    private String sequence(StringBuilder flags) {
        StringBuilder pieces = new StringBuilder();
        boolean possible = true;
        while (!atEnd() && peek() != '|' && peek() != ')') {
            int start = position;
            String piece = quantified(piece());
            if (FLAGS.matcher(source).region(start, position).matches()) {
                flags.append(source, start, position);
            }
            if (piece == null) {
                possible = false;
            } else {
                pieces.append(piece);
            }
        }
        return possible ? pieces.toString() : null;
    }

    /** The piece under the quantifiers that follow it: dropped when it cannot match and may be absent. */
    private String quantified(String piece) {
        String result = piece;
        while (!atEnd()) {
            int start = position;
            int least;
            char c = peek();
            if (c == '*' || c == '+' || c == '?') {
                position++;
                least = c == '+' ? 1 : 0;
            } else if (c == '{') {
                position++;
                least = number();
                if (next(',') && peek() != '}') {
                    number();
                }
                expect('}');
            } else {
                return result;
            }
            if (!next('?')) {
                next('+');
            }
            if (result == null) {
                result = least == 0 ? "" : null;
            } else if (!result.isEmpty()) {
                result = result + source.substring(start, position);
            }
        }
        return result;
    }

    private String piece() {
        int start = position;
        char c = read();
        return switch (c) {
            case '(' -> group(start);
            case '[' -> characterClass(start);
            case '\\' -> escape(start);
            case '.', '^', '$' -> String.valueOf(c);
            case ')', '|', '*', '+', '?', '{', '}', ']' -> throw new Unrecognised();
            default -> isPlain(c) || isPlain(Character.toUpperCase(c)) || isPlain(Character.toLowerCase(c))
                    ? String.valueOf(c) : null;
        };
    }

    private String group(int start) {
        if (!next('?')) {
            throw new Unrecognised();
        }
        char c = read();
        switch (c) {
            case ':', '>', '=' -> {
                String inner = groupBody();
                return inner == null ? null : source.substring(start, start + 3) + inner + ")";
            }
            case '!' -> {
                String inner = groupBody();
                return inner == null ? "" : "(?!" + inner + ")";
            }
            case '<' -> {
                char kind = read();
                if (kind != '=' && kind != '!') {
                    throw new Unrecognised();
                }
                String inner = groupBody();
                if (inner == null) {
                    return kind == '=' ? null : "";
                }
                return source.substring(start, start + 4) + inner + ")";
            }
            default -> {
                position--;
                while (!atEnd() && "ims-".indexOf(peek()) >= 0) {
                    position++;
                }
                if (next(')')) {
                    return source.substring(start, position);
                }
                expect(':');
                String flags = source.substring(start, position);
                String inner = groupBody();
                return inner == null ? null : flags + inner + ")";
            }
        }
    }

    private String groupBody() {
        String inner = alternation();
        expect(')');
        return inner;
    }

    private String escape(int start) {
        char c = read();
        switch (c) {
            case 'x' -> {
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
                return mayBePlain(source.substring(start, position));
            }
            case 'd', 'D', 'w', 'W', 's', 'S', 'h', 'H', 'v', 'V' -> {
                return mayBePlain(source.substring(start, position));
            }
            case 'A', 'z', 'Z', 'G', 'b', 'B', 'R' -> {
                return source.substring(start, position);
            }
            default -> {
                if (Character.isLetterOrDigit(c)) {
                    throw new Unrecognised();
                }
                return mayBePlain(source.substring(start, position));
            }
        }
    }

    /** A class, up to its first unescaped {@code ]}, as {@link RequiredAtoms} reads one. */
    private String characterClass(int start) {
        while (true) {
            char c = read();
            if (c == ']') {
                return mayBePlain(source.substring(start, position));
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

    /**
     * A piece that matches one character, as it is when it matches a plain byte (caselessly, which
     * only adds bytes) or a character beyond the bytes; null when it matches no plain byte.
     */
    private String mayBePlain(String piece) {
        boolean plain = classes.computeIfAbsent(piece, text -> {
            Pattern pattern;
            try {
                pattern = Pattern.compile(text, Pattern.CASE_INSENSITIVE | PcreTranslator.JAVA_FLAGS);
            } catch (PatternSyntaxException e) {
                throw new Unrecognised();
            }
            for (int i = 0; i < BEYOND_BYTES.length(); i++) {
                if (pattern.matcher(BEYOND_BYTES.substring(i, i + 1)).matches()) {
                    return true;
                }
            }
            for (char b = 0; b <= 0xFF; b++) {
                if (isPlain(b) && pattern.matcher(String.valueOf(b)).matches()) {
                    return true;
                }
            }
            return false;
        });
        return plain ? piece : null;
    }

    private int number() {
        int start = position;
        while (!atEnd() && peek() >= '0' && peek() <= '9') {
            position++;
        }
        if (start == position || position - start > 9) {
            throw new Unrecognised();
        }
        return Integer.parseInt(source.substring(start, position));
    }

    private boolean atEnd() {
        return position >= source.length();
    }

    private char peek() {
        return source.charAt(position);
    }

    private char read() {
        if (atEnd()) {
            throw new Unrecognised();
        }
        return source.charAt(position++);
    }

    private boolean next(char expected) {
        if (!atEnd() && peek() == expected) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(char expected) {
        if (!next(expected)) {
            throw new Unrecognised();
        }
    }
}
