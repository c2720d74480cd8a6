package io.frontdesk.waf.detect;

/**
 * Reads a byte string as SQL, one token at a time, each in time proportional to its length. The
 * input may be read as if a quote had been opened before it ({@code context} {@code '} or
 * {@code "}): then its first token is the rest of that string. In the MySQL dialect {@code #} starts
 * a comment and {@code --} only does when a blank follows; in the ANSI dialect {@code --} always
 * does and {@code #} is an operator. A backslash outside strings means nothing to SQL and is
 * skipped like a blank: in text it is a path's or an escape's.
 */
final class SqlTokenizer {

    /** Longer words cannot be keywords, and longer comment text is never read. */
    private static final int TEXT_LIMIT = 64;

    private static final String[] OPERATORS = {"<=>", "->>", "<=", ">=", "<>", "!=", "!<", "!>", "==", "||", "&&",
        ":=", "::", "<<", ">>", "->"};

    private final String input;
    private final char context;
    private final boolean mysql;
    private int pos;
    private boolean contextRead;

    SqlTokenizer(String input, char context, boolean mysql) {
        this.input = input;
        this.context = context;
        this.mysql = mysql;
        this.contextRead = context == 0;
    }

    /** The next token, or {@code null} at the end. */
    SqlToken next() {
        if (!contextRead) {
            contextRead = true;
            return string(context, 0, true);
        }
        int length = input.length();
        while (pos < length && (isBlank(input.charAt(pos)) || input.charAt(pos) == '\\')) {
            pos++;
        }
        if (pos >= length) {
            return null;
        }
        char c = input.charAt(pos);
        switch (c) {
            case '\'', '"':
                return string(c, pos + 1, false);
            case '`':
                return quotedIdentifier('`', pos + 1);
            case '(':
                return single(SqlTokenType.LEFT_PAREN);
            case ')':
                return single(SqlTokenType.RIGHT_PAREN);
            case ',':
                return single(SqlTokenType.COMMA);
            case ';':
                return single(SqlTokenType.SEMICOLON);
            case '[', ']', '{', '}':
                return single(SqlTokenType.PUNCTUATION);
            case '@':
                return variable();
            case '$':
                return dollar();
            case '/':
                return at(pos + 1) == '*' ? blockComment() : operator();
            case '-':
                return at(pos + 1) == '-' && (!mysql || isBlank(at(pos + 2))) ? lineComment(2) : operator();
            case '#':
                return mysql ? lineComment(1) : operator();
            case '.':
                return isDigit(at(pos + 1)) ? number() : operator();
            default:
                break;
        }
        if (isDigit(c)) {
            return number();
        }
        if (isWordStart(c)) {
            char next = at(pos + 1);
            if ((next == '\'' || next == '"') && "xXbBnNeE".indexOf(c) >= 0) {
                return string(next, pos + 2, false);
            }
            return word(pos);
        }
        return operator();
    }

    /** Whitespace and control bytes, which databases skip between tokens; the end reads as 0, a blank too. */
    static boolean isBlank(char c) {
        return c <= ' ' || c == 0x7F;
    }

    static boolean isWordChar(char c) {
        return isWordStart(c) || isDigit(c) || c == '$';
    }

    private static boolean isWordStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private char at(int index) {
        return index < input.length() ? input.charAt(index) : 0;
    }

    private SqlToken single(SqlTokenType type) {
        String text = String.valueOf(input.charAt(pos));
        pos++;
        return SqlToken.of(type, text);
    }

    /**
     * A string from {@code from} (just past its opening quote) to its closing quote; a quote doubled
     * or after an odd number of backslashes does not close it.
     */
    private SqlToken string(char quote, int from, boolean fromContext) {
        int i = from;
        while (true) {
            int close = input.indexOf(quote, i);
            if (close < 0) {
                pos = input.length();
                return SqlToken.string(stringText(quote, from, input.length()), fromContext, true);
            }
            int backslashes = 0;
            for (int k = close - 1; k >= from && input.charAt(k) == '\\'; k--) {
                backslashes++;
            }
            if (backslashes % 2 == 1) {
                i = close + 1;
            } else if (at(close + 1) == quote) {
                i = close + 2;
            } else {
                pos = close + 1;
                return SqlToken.string(stringText(quote, from, close), fromContext, false);
            }
        }
    }

    /** The opening quote and the content, cut short; just the quote when the content is blank. */
    private String stringText(char quote, int from, int end) {
        int blanks = from;
        while (blanks < end && isBlank(input.charAt(blanks))) {
            blanks++;
        }
        return blanks == end ? String.valueOf(quote) : quote + input.substring(from, Math.min(end, from + TEXT_LIMIT));
    }

    /** MySQL's {@code `name`}: a bareword, never a keyword. */
    private SqlToken quotedIdentifier(char quote, int from) {
        int close = input.indexOf(quote, from);
        pos = close < 0 ? input.length() : close + 1;
        return SqlToken.of(SqlTokenType.BAREWORD, "");
    }

    /** {@code @name}, {@code @@name}, {@code @'name'}; a lone {@code @} is an operator. */
    private SqlToken variable() {
        int start = pos;
        pos += at(pos + 1) == '@' ? 2 : 1;
        char c = at(pos);
        if (pos < input.length() && (c == '\'' || c == '"' || c == '`')) {
            int close = input.indexOf(c, pos + 1);
            pos = close < 0 ? input.length() : close + 1;
        } else {
            while (pos < input.length() && (isWordChar(input.charAt(pos)) || input.charAt(pos) == '.')) {
                pos++;
            }
        }
        return pos - start == 1 ? SqlToken.of(SqlTokenType.OPERATOR, "@") : SqlToken.of(SqlTokenType.VARIABLE, "");
    }

    /** {@code $5.00} is a number, {@code $$...$$} PostgreSQL's dollar-quoted string; else a word. */
    private SqlToken dollar() {
        char next = at(pos + 1);
        if (isDigit(next)) {
            pos++;
            while (pos < input.length() && (isDigit(input.charAt(pos)) || input.charAt(pos) == ','
                    || input.charAt(pos) == '.')) {
                pos++;
            }
            return SqlToken.of(SqlTokenType.NUMBER, "");
        }
        if (next == '$' && pos + 1 < input.length()) {
            int close = input.indexOf("$$", pos + 2);
            pos = close < 0 ? input.length() : close + 2;
            return SqlToken.string("$", false, close < 0);
        }
        return word(pos);
    }

    /**
     * {@code /* ... *}{@code /}, to the end when not closed. MySQL runs {@code /*!...} as SQL, and
     * PostgreSQL nests comments: both are evil, since other databases end the comment elsewhere.
     */
    private SqlToken blockComment() {
        int close = input.indexOf("*/", pos + 2);
        String body = input.substring(pos + 2, close < 0 ? input.length() : close);
        boolean evil = body.startsWith("!") || body.contains("/*");
        pos = close < 0 ? input.length() : close + 2;
        return SqlToken.of(evil ? SqlTokenType.EVIL : SqlTokenType.COMMENT, commentText("/*", body));
    }

    private SqlToken lineComment(int markerLength) {
        int newline = input.indexOf('\n', pos);
        int end = newline < 0 ? input.length() : newline;
        String text = commentText(input.substring(pos, pos + markerLength), input.substring(pos + markerLength, end));
        pos = end;
        return SqlToken.of(SqlTokenType.COMMENT, text);
    }

    /** The marker and the body, cut short: {@code --}, {@code # x}, {@code /*a b}; blank bodies left out. */
    private static String commentText(String marker, String body) {
        String text = marker + (body.isBlank() ? "" : body);
        return text.length() > TEXT_LIMIT ? text.substring(0, TEXT_LIMIT) : text;
    }

    /**
     * Decimal, hexadecimal ({@code 0x1F}) and binary ({@code 0b101}) numbers, with a fraction and an
     * exponent. Digits running into letters make a word ({@code 80s}, {@code 3rd}), except after a
     * fraction or exponent, where MySQL ends the number ({@code 1.0union}).
     */
    private SqlToken number() {
        int start = pos;
        char second = Character.toLowerCase(at(pos + 1));
        if (input.charAt(pos) == '0' && (second == 'x' || second == 'b') && isRadixDigit(at(pos + 2), second)) {
            pos += 2;
            while (pos < input.length() && isRadixDigit(input.charAt(pos), second)) {
                pos++;
            }
            return SqlToken.of(SqlTokenType.NUMBER, "");
        }
        skipDigits();
        boolean fraction = false;
        if (at(pos) == '.') {
            fraction = true;
            pos++;
            skipDigits();
        }
        char e = at(pos);
        if ((e == 'e' || e == 'E') && (isDigit(at(pos + 1))
                || (at(pos + 1) == '+' || at(pos + 1) == '-') && isDigit(at(pos + 2)))) {
            fraction = true;
            pos += 2;
            skipDigits();
        }
        if (!fraction && pos < input.length() && isWordChar(input.charAt(pos))) {
            return word(start);
        }
        return SqlToken.of(SqlTokenType.NUMBER, "");
    }

    private static boolean isRadixDigit(char c, char radix) {
        return radix == 'b' ? c == '0' || c == '1' : isDigit(c) || (c | 0x20) >= 'a' && (c | 0x20) <= 'f';
    }

    private void skipDigits() {
        while (pos < input.length() && isDigit(input.charAt(pos))) {
            pos++;
        }
    }

    /** A word from {@code start}; a dot inside joins names ({@code schema.table}). */
    private SqlToken word(int start) {
        pos = start;
        int length = input.length();
        while (pos < length && (isWordChar(input.charAt(pos))
                || input.charAt(pos) == '.' && pos + 1 < length && isWordChar(input.charAt(pos + 1)))) {
            pos++;
        }
        if (pos - start > TEXT_LIMIT) {
            return SqlToken.word(SqlTokenType.BAREWORD, "");
        }
        String text = asciiLowerCase(input.substring(start, pos));
        return SqlToken.word(SqlWords.typeOf(text), text);
    }

    private static String asciiLowerCase(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return out.toString();
    }

    private SqlToken operator() {
        for (String operator : OPERATORS) {
            if (input.startsWith(operator, pos)) {
                pos += operator.length();
                return SqlToken.of(operatorType(operator), operator);
            }
        }
        return single(operatorType(String.valueOf(input.charAt(pos))));
    }

    private static SqlTokenType operatorType(String operator) {
        return switch (operator) {
            case "||", "&&" -> SqlTokenType.LOGIC;
            case "=", "==", "<", ">", "<=", ">=", "<>", "!=", "!<", "!>", "<=>" -> SqlTokenType.COMPARISON;
            default -> SqlTokenType.OPERATOR;
        };
    }
}
