package io.frontdesk.waf.engine.operator.regex;

import java.util.regex.PatternSyntaxException;

/**
 * A cursor over the text of a PCRE pattern: its characters one by one, and the bytes its
 * character escapes stand for in 8-bit mode. Errors name the offset where PCRE would stop.
 */
final class PcreReader {

    private final String pcre;
    private int position;

    PcreReader(String pcre) {
        for (int i = 0; i < pcre.length(); i++) {
            if (pcre.charAt(i) > 0xFF) {
                throw new PatternSyntaxException("a pattern is bytes; this character is not one", pcre, i);
            }
        }
        this.pcre = pcre;
    }

    boolean atEnd() {
        return position >= pcre.length();
    }

    int position() {
        return position;
    }

    void moveTo(int position) {
        this.position = position;
    }

    /** The character {@code ahead} places after the cursor, or -1 past the end. */
    int peek(int ahead) {
        return position + ahead < pcre.length() ? pcre.charAt(position + ahead) : -1;
    }

    /** The next character, when the caller knows there is one. */
    char read() {
        return pcre.charAt(position++);
    }

    /** The next character; {@code missing} says what the pattern lacks when there is none. */
    char read(int at, String missing) {
        if (atEnd()) {
            throw error(missing, at);
        }
        return pcre.charAt(position++);
    }

    /** Consumes {@code expected} when it is next. */
    boolean next(char expected) {
        if (peek(0) == expected) {
            position++;
            return true;
        }
        return false;
    }

    /** The text up to {@code close}, which is consumed. */
    String until(char close, int at) {
        int end = pcre.indexOf(close, position);
        if (end < 0) {
            throw error("missing " + close, at);
        }
        String text = pcre.substring(position, end);
        position = end + 1;
        return text;
    }

    /** Moves past the next newline, or to the end. */
    void skipLine() {
        int end = pcre.indexOf('\n', position);
        position = end < 0 ? pcre.length() : end + 1;
    }

    /** The decimal digits at the cursor, consumed (none is the empty string). */
    String digits() {
        int start = position;
        while (isDigit(peek(0))) {
            position++;
        }
        return pcre.substring(start, position);
    }

    /**
     * After {@code [}: a POSIX class {@code [:name:]} or {@code [:^name:]}, consumed, its name
     * returned with any {@code ^}; null (nothing consumed) when what follows is no such class,
     * the {@code [} then being a member.
     */
    String posixClassName() {
        if (peek(0) != ':') {
            return null;
        }
        int end = pcre.indexOf(":]", position + 1);
        if (end < 0) {
            return null;
        }
        String name = pcre.substring(position + 1, end);
        if (!name.matches("\\^?[a-z]+")) {
            return null;
        }
        position = end + 2;
        return name;
    }

    /**
     * The byte an escape other than a back reference or a class of characters stands for, {@code c}
     * being the character after the backslash: the named controls, octal and hexadecimal codes,
     * {@code \cX}, and any character other than a letter or digit as itself.
     */
    int character(char c, int at) {
        return switch (c) {
            case 'a' -> 0x07;
            case 'e' -> 0x1B;
            case 'f' -> 0x0C;
            case 'n' -> 0x0A;
            case 'r' -> 0x0D;
            case 't' -> 0x09;
            case '0' -> {
                position--;
                yield octal(at);
            }
            case 'o' -> {
                if (!next('{')) {
                    throw error("\\o needs {octal digits}", at);
                }
                yield code(until('}', at), 8, at);
            }
            case 'x' -> hexadecimal(at);
            case 'c' -> control(at);
            default -> {
                if (isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                    throw error("\\" + c + " is not supported here", at);
                }
                yield c;
            }
        };
    }

    /** Up to three octal digits at the cursor. */
    int octal(int at) {
        int start = position;
        while (position - start < 3 && peek(0) >= '0' && peek(0) <= '7') {
            position++;
        }
        return code(pcre.substring(start, position), 8, at);
    }

    /** {@code \x{hh}}, or up to two hexadecimal digits ({@code \x} alone is a NUL). */
    private int hexadecimal(int at) {
        if (next('{')) {
            return code(until('}', at), 16, at);
        }
        int start = position;
        while (position - start < 2 && peek(0) >= 0 && Character.digit(peek(0), 16) >= 0) {
            position++;
        }
        return start == position ? 0 : Integer.parseInt(pcre.substring(start, position), 16);
    }

    private int code(String digits, int radix, int at) {
        int value;
        try {
            value = Integer.parseInt(digits, radix);
        } catch (NumberFormatException e) {
            throw error("'" + digits + "' is not a character code", at);
        }
        if (value > 0xFF || digits.startsWith("-") || digits.startsWith("+")) {
            throw error("character code " + digits + " is not a byte", at);
        }
        return value;
    }

    /** {@code \cX}: X upper-cased, its bit 0x40 flipped. */
    private int control(int at) {
        char c = read(at, "\\c at the end of the pattern");
        if (c < 0x20 || c > 0x7E) {
            throw error("\\c must be followed by a printable ASCII character", at);
        }
        return (c >= 'a' && c <= 'z' ? c - 32 : c) ^ 0x40;
    }

    PatternSyntaxException error(String description, int at) {
        return new PatternSyntaxException(description, pcre, at);
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
