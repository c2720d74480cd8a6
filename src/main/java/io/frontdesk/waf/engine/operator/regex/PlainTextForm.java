package io.frontdesk.waf.engine.operator.regex;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

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
final class PlainTextForm extends TranslationReader {

    /** The bytes of plain text, four words of 64. */
    static final long[] PLAIN_BYTES = plainBytes();
    /** A pattern that matches nowhere: what a pattern that needs bytes plain text lacks becomes. */
    static final String NOWHERE = "(?!)";

    private static final Pattern FLAGS = Pattern.compile("\\(\\?[ims-]*\\)");
    private final Map<String, Boolean> classes = new HashMap<>();

    private PlainTextForm(String source) {
        super(source);
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
                hexByte();
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

    private String characterClass(int start) {
        return mayBePlain(characterClassFrom(start));
    }

    /**
     * A piece that matches one character, as it is when it matches a plain byte (caselessly, which
     * only adds bytes) or a character beyond the bytes; null when it matches no plain byte.
     */
    private String mayBePlain(String piece) {
        boolean plain = classes.computeIfAbsent(piece, text -> {
            Pattern pattern = singleCharacter(text);
            if (matchesBeyondBytes(pattern)) {
                return true;
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
}
