package io.frontdesk.waf.engine.body;

/**
 * Reads a JSON body into arguments, checking what yajl (ModSecurity v3's JSON parser) checks and
 * failing with its words. Strings are unescaped into bytes ({@code \u00e9} is the two bytes of its
 * UTF-8 form) and must be valid UTF-8 as sent; numbers stay as written; {@code true} and
 * {@code false} are words and {@code null} is empty. Open containers are kept on a list, not on the
 * Java stack, so nesting is bounded by the depth limit alone. Values read before an error stay.
 */
final class JsonReader {

    private static final String ERROR_PREFIX = "JSON parsing error: ";
    private static final String PREMATURE_END = "parse error: premature EOF";

    /** What may come next. */
    private enum Expect { VALUE, FIRST_ELEMENT, ELEMENT_END, FIRST_KEY, KEY, COLON, MEMBER_END, NOTHING }

    private final String body;
    private final int depthLimit;
    private final ParsedBody parsed;
    private final NameBudget budget;
    private final JsonNames names = new JsonNames();
    private int at;

    JsonReader(String body, int depthLimit, ParsedBody parsed) {
        this.body = body;
        this.depthLimit = depthLimit;
        this.parsed = parsed;
        this.budget = new NameBudget(body.length());
    }

    void read() {
        Expect expect = Expect.VALUE;
        while (expect != null) {
            skipWhitespace();
            if (at == body.length()) {
                if (expect != Expect.NOTHING) {
                    fail(PREMATURE_END);
                }
                return;
            }
            expect = step(expect, body.charAt(at));
        }
    }

    /** Reads what starts with {@code c}; what may come after it, or {@code null} after an error. */
    private Expect step(Expect expect, char c) {
        switch (expect) {
            case VALUE:
                return value(c);
            case FIRST_ELEMENT:
                return c == ']' ? close() : value(c);
            case ELEMENT_END:
                if (c == ',') {
                    at++;
                    return Expect.VALUE;
                }
                return c == ']' ? close() : unexpected(c, "after array element, I expect ',' or ']'");
            case FIRST_KEY:
            case KEY:
                if (c == '"') {
                    String key = string();
                    if (key == null) {
                        return null;
                    }
                    names.key(key);
                    return Expect.COLON;
                }
                return c == '}' && expect == Expect.FIRST_KEY ? close()
                        : unexpected(c, "invalid object key (must be a string)");
            case COLON:
                if (c == ':') {
                    at++;
                    return Expect.VALUE;
                }
                return unexpected(c, "object key and value must be separated by a colon (':')");
            case MEMBER_END:
                if (c == ',') {
                    at++;
                    return Expect.KEY;
                }
                return c == '}' ? close() : unexpected(c, "after key and value, inside map, I expect ',' or '}'");
            default:
                return fail("parse error: trailing garbage");
        }
    }

    private Expect value(char c) {
        switch (c) {
            case '{':
            case '[':
                if (names.depth() >= depthLimit) {
                    return fail("parse error: client cancelled parse via callback return value."
                            + " Parsing depth limit exceeded");
                }
                at++;
                names.open(c == '[');
                return c == '[' ? Expect.FIRST_ELEMENT : Expect.FIRST_KEY;
            case '"':
                String text = string();
                return text == null ? null : argument(text);
            case 't':
                return literal("true", "true");
            case 'f':
                return literal("false", "false");
            case 'n':
                return literal("null", "");
            case ']':
            case '}':
            case ',':
            case ':':
                return fail("parse error: unallowed token at this point in JSON text");
            default:
                if (c == '-' || isDigit(c)) {
                    String number = number();
                    return number == null ? null : argument(number);
                }
                return fail("lexical error: invalid char in json text.");
        }
    }

    private Expect close() {
        at++;
        names.close();
        return afterValue();
    }

    private Expect argument(String value) {
        if (!budget.spend(names.nextLength())) {
            return fail("argument names longer than " + budget.limit() + " bytes in all");
        }
        parsed.argument(names.next(), value);
        return afterValue();
    }

    private Expect afterValue() {
        if (names.depth() == 0) {
            return Expect.NOTHING;
        }
        return names.inArray() ? Expect.ELEMENT_END : Expect.MEMBER_END;
    }

    /** A token where another was expected is a parse error; a byte that starts none, a lexical one. */
    private Expect unexpected(char c, String message) {
        boolean token = "{}[],:\"-tfn".indexOf(c) >= 0 || isDigit(c);
        return fail(token ? "parse error: " + message : "lexical error: invalid char in json text.");
    }

    private Expect literal(String word, String value) {
        for (int i = 0; i < word.length(); i++) {
            if (at + i == body.length()) {
                return fail(PREMATURE_END);
            }
            if (body.charAt(at + i) != word.charAt(i)) {
                return fail("lexical error: invalid string in json text.");
            }
        }
        at += word.length();
        return argument(value);
    }

    /** A number as written: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    private String number() {
        int start = at;
        if (charAt(at) == '-') {
            at++;
            if (!isDigit(charAt(at))) {
                fail("lexical error: malformed number, a digit is required after the minus sign.");
                return null;
            }
        }
        if (charAt(at) == '0') {
            at++;
        } else {
            skipDigits();
        }
        if (charAt(at) == '.') {
            at++;
            if (!isDigit(charAt(at))) {
                fail("lexical error: malformed number, a digit is required after the decimal point.");
                return null;
            }
            skipDigits();
        }
        if (charAt(at) == 'e' || charAt(at) == 'E') {
            at++;
            if (charAt(at) == '+' || charAt(at) == '-') {
                at++;
            }
            if (!isDigit(charAt(at))) {
                fail("lexical error: malformed number, a digit is required after the exponent.");
                return null;
            }
            skipDigits();
        }
        return body.substring(start, at);
    }

    /** The string starting at the quote under {@link #at}, unescaped; {@code null} after an error. */
    private String string() {
        at++;
        int start = at;
        StringBuilder unescaped = null;
        int copied = start;
        while (true) {
            if (at == body.length()) {
                fail(PREMATURE_END);
                return null;
            }
            char c = body.charAt(at);
            if (c == '"') {
                break;
            }
            if (c < ' ') {
                fail("lexical error: invalid character inside string.");
                return null;
            }
            if (c == '\\') {
                if (unescaped == null) {
                    unescaped = new StringBuilder();
                }
                unescaped.append(body, copied, at);
                if (!escape(unescaped)) {
                    return null;
                }
                copied = at;
            } else if (c < 0x80) {
                at++;
            } else if (!utf8Sequence()) {
                return null;
            }
        }
        String text = unescaped == null ? body.substring(start, at) : unescaped.append(body, copied, at).toString();
        at++;
        return text;
    }

    /** The escape under {@link #at} (a backslash), appended to {@code to}. */
    private boolean escape(StringBuilder to) {
        at++;
        if (at == body.length()) {
            fail(PREMATURE_END);
            return false;
        }
        char c = body.charAt(at);
        at++;
        switch (c) {
            case '"':
            case '\\':
            case '/':
                to.append(c);
                return true;
            case 'b':
                to.append('\b');
                return true;
            case 'f':
                to.append('\f');
                return true;
            case 'n':
                to.append('\n');
                return true;
            case 'r':
                to.append('\r');
                return true;
            case 't':
                to.append('\t');
                return true;
            case 'u':
                return unicodeEscape(to);
            default:
                fail("lexical error: inside a string, '\\' occurs before a character which it may not.");
                return false;
        }
    }

    /**
     * The four hex digits under {@link #at}, as UTF-8 bytes. A high surrogate takes the escape that
     * follows it as its low half, as yajl does; without one it stands for a {@code ?}.
     */
    private boolean unicodeEscape(StringBuilder to) {
        int codePoint = hexQuad();
        if (codePoint < 0) {
            return false;
        }
        if ((codePoint & 0xFC00) == 0xD800) {
            if (!body.startsWith("\\u", at)) {
                to.append('?');
                return true;
            }
            at += 2;
            int low = hexQuad();
            if (low < 0) {
                return false;
            }
            codePoint = 0x10000 + ((codePoint & 0x3FF) << 10) + (low & 0x3FF);
        }
        appendUtf8(codePoint, to);
        return true;
    }

    private int hexQuad() {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            if (at == body.length()) {
                fail(PREMATURE_END);
                return -1;
            }
            char c = body.charAt(at);
            if (!CharClass.isHexDigit(c)) {
                fail("lexical error: invalid (non-hex) character occurs after '\\u' inside string.");
                return -1;
            }
            value = value << 4 | Character.digit(c, 16);
            at++;
        }
        return value;
    }

    private static void appendUtf8(int codePoint, StringBuilder to) {
        if (codePoint < 0x80) {
            to.append((char) codePoint);
        } else if (codePoint < 0x800) {
            to.append((char) (0xC0 | codePoint >> 6)).append((char) (0x80 | codePoint & 0x3F));
        } else if (codePoint < 0x10000) {
            to.append((char) (0xE0 | codePoint >> 12)).append((char) (0x80 | codePoint >> 6 & 0x3F))
                    .append((char) (0x80 | codePoint & 0x3F));
        } else {
            to.append((char) (0xF0 | codePoint >> 18)).append((char) (0x80 | codePoint >> 12 & 0x3F))
                    .append((char) (0x80 | codePoint >> 6 & 0x3F)).append((char) (0x80 | codePoint & 0x3F));
        }
    }

    /** A lead byte and its continuation bytes, shaped as UTF-8 (yajl checks no more than the shape). */
    private boolean utf8Sequence() {
        char lead = body.charAt(at);
        int continuation = lead >> 5 == 0x6 ? 1 : lead >> 4 == 0xE ? 2 : lead >> 3 == 0x1E ? 3 : -1;
        if (continuation < 0) {
            fail("lexical error: invalid bytes in UTF8 string.");
            return false;
        }
        for (int i = 1; i <= continuation; i++) {
            if (at + i == body.length()) {
                fail(PREMATURE_END);
                return false;
            }
            if (body.charAt(at + i) >> 6 != 0x2) {
                fail("lexical error: invalid bytes in UTF8 string.");
                return false;
            }
        }
        at += continuation + 1;
        return true;
    }

    private void skipWhitespace() {
        while (at < body.length() && isWhitespace(body.charAt(at))) {
            at++;
        }
    }

    private void skipDigits() {
        while (isDigit(charAt(at))) {
            at++;
        }
    }

    /** JSON's whitespace and, as yajl accepts them, vertical tab and form feed. */
    private static boolean isWhitespace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private char charAt(int index) {
        return index < body.length() ? body.charAt(index) : 0;
    }

    private Expect fail(String message) {
        parsed.error(ERROR_PREFIX + message);
        return null;
    }
}
