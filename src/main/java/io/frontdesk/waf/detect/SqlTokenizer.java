package io.frontdesk.waf.detect;

import static io.frontdesk.waf.detect.SqlTokenType.*;

/**
 * Reads a byte string as SQL, one token at a time, as libinjection's tokenizer does: each
 * character chooses how the token it starts is read, and a token costs time in proportion to its
 * length. The input may be read as if a quote had been opened before it ({@code quote} {@code '}
 * or {@code "}): then its first token is the rest of that string. In the ANSI dialect {@code --}
 * always starts a comment and {@code #} is an operator; in MySQL's, {@code #} starts a comment and
 * {@code --} only does before a blank. The tokenizer counts what a caller needs to choose its next
 * reading: the tokens read and the comments that the other dialect would read otherwise.
 */
final class SqlTokenizer {

    private static final char SINGLE_QUOTE = '\'';
    private static final char DOUBLE_QUOTE = '"';
    private static final char BACKTICK = '`';

    /** What ends a word (NUL as well, see {@link #isIn}). */
    private static final String WORD_ENDS = " []{}<>:\\?=@!#~+-*/&|^%(),';\t\n\u000b\f\r\"\u00a0";
    /** What ends a variable's name. */
    private static final String VARIABLE_ENDS = " <>:\\?=@!#~+-*/&|^%(),';\t\n\u000b\f\r`\"";
    private static final String HEX_DIGITS = "0123456789ABCDEFabcdef";
    private static final String BINARY_DIGITS = "01";
    private static final String MONEY = "0123456789.,";
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private String input;
    private int end;
    private char quote;
    private boolean mysql;
    private int pos;
    private int tokensRead;
    private int dashCommentsOnlyAnsiReads;
    private int hashes;

    SqlTokenizer(String input, char quote, boolean mysql) {
        read(input, quote, mysql);
    }

    /** Starts a reading of {@code input} afresh, so that one tokenizer serves reading after reading. */
    SqlTokenizer read(String newInput, char newQuote, boolean inMysql) {
        input = newInput;
        end = newInput.length();
        quote = newQuote;
        mysql = inMysql;
        pos = 0;
        tokensRead = 0;
        dashCommentsOnlyAnsiReads = 0;
        hashes = 0;
        return this;
    }

    String input() {
        return input;
    }

    /** How many tokens were read, comments and tokens folded away among them. */
    int tokensRead() {
        return tokensRead;
    }

    /** Whether MySQL would read a comment differently: a {@code #}, or {@code --} before no blank. */
    boolean mysqlReadsOtherwise() {
        return dashCommentsOnlyAnsiReads > 0 || hashes > 0;
    }

    /** Reads the next token into {@code token}; false at the end of the input. */
    boolean next(SqlToken token) {
        token.clear();
        if (end == 0) {
            return false;
        }
        if (pos == 0 && quote != 0) {
            pos = string(token, 0, quote, 0);
            tokensRead++;
            return true;
        }
        while (pos < end) {
            pos = read(token, input.charAt(pos));
            if (token.type() != null) {
                tokensRead++;
                return true;
            }
        }
        return false;
    }

    /** Reads the token that starts with {@code c} at {@code pos}; where the next one starts. */
    private int read(SqlToken token, char c) {
        switch (c) {
            case '!', '&', '*', ':', '<', '=', '>', '|':
                return operator2(token);
            case '"', '\'':
                return string(token, pos, c, 1);
            case '#':
                return hash(token);
            case '$':
                return money(token);
            case '%', '+', '^', '~':
                return operator1(token);
            case '(':
                return single(token, LEFT_PAREN);
            case ')':
                return single(token, RIGHT_PAREN);
            case ',':
                return single(token, COMMA);
            case ';':
                return single(token, SEMICOLON);
            case '{':
                return single(token, LEFT_BRACE);
            case '}':
                return single(token, RIGHT_BRACE);
            case '-':
                return dash(token);
            case '.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
                return number(token);
            case '/':
                return slash(token);
            case '?', ']':
                return single(token, UNKNOWN);
            case '@':
                return variable(token);
            case 'B', 'b':
                return bitString(token);
            case 'E', 'e':
                return escapedString(token);
            case 'N', 'n':
                return nationalString(token);
            case 'Q', 'q':
                return quotedString(token, pos);
            case 'U', 'u':
                return unicodeString(token);
            case 'X', 'x':
                return hexString(token);
            case '[':
                return bracketedWord(token);
            case '\\':
                return backslash(token);
            case '`':
                return backtickWord(token, pos);
            default:
                return c <= ' ' || c == 0x7f || c == 0xa0 ? pos + 1 : word(token);
        }
    }

    private int single(SqlToken token, SqlTokenType type) {
        token.assign(type, input.charAt(pos));
        return pos + 1;
    }

    private int operator1(SqlToken token) {
        return single(token, OPERATOR);
    }

    /** A two-character operator if the vocabulary has one here ({@code <=}, {@code ||}), else one character. */
    private int operator2(SqlToken token) {
        if (pos + 1 >= end) {
            return operator1(token);
        }
        if (input.startsWith("<=>", pos)) {
            token.assign(OPERATOR, input, pos, 3);
            return pos + 3;
        }
        token.assign(OPERATOR, input, pos, 2);
        SqlTokenType type = SqlWords.typeOf(token.valueBuffer(), 2);
        if (type != null) {
            token.retype(type);
            return pos + 2;
        }
        return input.charAt(pos) == ':' ? single(token, COLON) : operator1(token);
    }

    private int hash(SqlToken token) {
        hashes++;
        return mysql ? lineComment(token) : operator1(token);
    }

    private int dash(SqlToken token) {
        boolean dashDash = pos + 1 < end && input.charAt(pos + 1) == '-';
        if (dashDash && (pos + 2 == end || isBlank(input.charAt(pos + 2)))) {
            return lineComment(token);
        }
        if (dashDash && !mysql) {
            dashCommentsOnlyAnsiReads++;
            return lineComment(token);
        }
        return operator1(token);
    }

    private int lineComment(SqlToken token) {
        int newline = input.indexOf('\n', pos);
        int stop = newline < 0 ? end : newline;
        token.assign(COMMENT, input, pos, stop - pos);
        return newline < 0 ? end : newline + 1;
    }

    /**
     * A {@code /*} comment, to its {@code *}{@code /} or the end; evil when it opens another comment
     * inside (PostgreSQL nests them, others do not) or is a MySQL executable comment ({@code /*!}).
     */
    private int slash(SqlToken token) {
        if (pos + 1 == end || input.charAt(pos + 1) != '*') {
            return operator1(token);
        }
        int close = input.indexOf("*/", pos + 2);
        int stop = close < 0 ? end : close + 2;
        boolean nested = close >= 0 && indexOfPair('/', '*', pos + 2, close) >= 0;
        boolean executable = pos + 2 < end && input.charAt(pos + 2) == '!';
        token.assign(nested || executable ? EVIL : COMMENT, input, pos, stop - pos);
        return stop;
    }

    /** MySQL's {@code \N} is NULL; any other backslash is a token of its own. */
    private int backslash(SqlToken token) {
        if (pos + 1 < end && input.charAt(pos + 1) == 'N') {
            token.assign(NUMBER, input, pos, 2);
            return pos + 2;
        }
        return single(token, BACKSLASH);
    }

    /**
     * A string from {@code from}: after the quote when {@code skip} is the quote's width, or from
     * the very start when it was opened before the input. A quote doubled or after an odd number of
     * backslashes does not close it.
     */
    private int string(SqlToken token, int from, char delimiter, int skip) {
        int start = from + skip;
        int close = input.indexOf(delimiter, start);
        while (close >= 0) {
            if (isEscapedByBackslash(close, start)) {
                close = input.indexOf(delimiter, close + 1);
            } else if (close + 1 < end && input.charAt(close + 1) == delimiter) {
                close = input.indexOf(delimiter, close + 2);
            } else {
                token.assign(STRING, input, start, close - start);
                token.quotes(skip > 0 ? delimiter : 0, delimiter);
                return close + 1;
            }
        }
        token.assign(STRING, input, start, end - start);
        token.quotes(skip > 0 ? delimiter : 0, (char) 0);
        return end;
    }

    private boolean isEscapedByBackslash(int quoteAt, int start) {
        int backslashes = 0;
        for (int i = quoteAt - 1; i >= start && input.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return (backslashes & 1) == 1;
    }

    /** PostgreSQL's {@code E'...'}, and MySQL's {@code N'...'} by way of {@link #nationalString}. */
    private int escapedString(SqlToken token) {
        if (pos + 2 >= end || input.charAt(pos + 1) != SINGLE_QUOTE) {
            return word(token);
        }
        return string(token, pos, SINGLE_QUOTE, 2);
    }

    /** {@code U&'...'}, a string of Unicode escapes, marked with {@code u} for quotes. */
    private int unicodeString(SqlToken token) {
        if (pos + 2 < end && input.charAt(pos + 1) == '&' && input.charAt(pos + 2) == SINGLE_QUOTE) {
            int next = string(token, pos + 2, SINGLE_QUOTE, 1);
            token.quotes('u', token.closingQuote() == SINGLE_QUOTE ? 'u' : 0);
            return next;
        }
        return word(token);
    }

    /** {@code N'...'} or Oracle's {@code NQ'...'}. */
    private int nationalString(SqlToken token) {
        if (pos + 2 < end && input.charAt(pos + 1) == SINGLE_QUOTE) {
            return escapedString(token);
        }
        return quotedString(token, pos + 1);
    }

    /**
     * Oracle's {@code Q'[...]'} whose {@code q} is at {@code at}: the character after the quote
     * chooses the one that, followed by a quote, ends the string (brackets pair up).
     */
    private int quotedString(SqlToken token, int at) {
        if (at >= end || (input.charAt(at) != 'q' && input.charAt(at) != 'Q') || at + 2 >= end
                || input.charAt(at + 1) != SINGLE_QUOTE) {
            return word(token);
        }
        char open = input.charAt(at + 2);
        if (open < 33 || open > 127) {
            return word(token);
        }
        char close = switch (open) {
            case '(' -> ')';
            case '[' -> ']';
            case '{' -> '}';
            case '<' -> '>';
            default -> open;
        };
        int start = at + 3;
        int stop = indexOfPair(close, SINGLE_QUOTE, start, end - 1);
        if (stop < 0) {
            token.assign(STRING, input, start, end - start);
            token.quotes('q', (char) 0);
            return end;
        }
        token.assign(STRING, input, start, stop - start);
        token.quotes('q', 'q');
        return stop + 2;
    }

    /** {@code B'0101'}: a number. */
    private int bitString(SqlToken token) {
        return quotedNumber(token, BINARY_DIGITS);
    }

    /** {@code X'1F'}: a number. */
    private int hexString(SqlToken token) {
        return quotedNumber(token, HEX_DIGITS);
    }

    private int quotedNumber(SqlToken token, String digits) {
        if (pos + 2 >= end || input.charAt(pos + 1) != SINGLE_QUOTE) {
            return word(token);
        }
        int stop = span(pos + 2, digits);
        if (stop >= end || input.charAt(stop) != SINGLE_QUOTE) {
            return word(token);
        }
        token.assign(NUMBER, input, pos, stop + 1 - pos);
        return stop + 1;
    }

    /** SQL Server's {@code [name]}, to its {@code ]} or the end. */
    private int bracketedWord(SqlToken token) {
        int close = input.indexOf(']', pos);
        int stop = close < 0 ? end : close + 1;
        token.assign(BAREWORD, input, pos, stop - pos);
        return stop;
    }

    /**
     * A word, typed by the vocabulary. When what comes before a {@code .} or a backtick in it is a
     * word SQL knows ({@code SELECT.1}, {@code SELECT`col`}), that part alone is the token.
     */
    private int word(SqlToken token) {
        int length = spanNot(pos, WORD_ENDS) - pos;
        token.assign(BAREWORD, input, pos, length);
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.' || c == BACKTICK) {
                SqlTokenType type = SqlWords.typeOf(token.valueBuffer(), i);
                if (type != null && type != BAREWORD) {
                    token.clear();
                    token.assign(type, input, pos, i);
                    return pos + i;
                }
            }
        }
        if (length <= SqlToken.CAPACITY) {
            SqlTokenType type = SqlWords.typeOf(token.valueBuffer(), length);
            token.retype(type == null ? BAREWORD : type);
        }
        return pos + length;
    }

    /** MySQL's {@code `name`}: a bareword, or a function if it names one. */
    private int backtickWord(SqlToken token, int from) {
        int next = string(token, from, BACKTICK, 1);
        token.retype(SqlWords.typeOf(token.valueBuffer(), token.length()) == FUNCTION ? FUNCTION : BAREWORD);
        return next;
    }

    /** {@code @name}, {@code @@name}, and MySQL's quoted {@code @`name`}, {@code @'name'}. */
    private int variable(SqlToken token) {
        int at = pos + 1;
        if (at < end && input.charAt(at) == '@') {
            at++;
            token.atSigns(2);
        } else {
            token.atSigns(1);
        }
        if (at < end) {
            char c = input.charAt(at);
            if (c == BACKTICK || c == SINGLE_QUOTE || c == DOUBLE_QUOTE) {
                int next = c == BACKTICK ? backtickWord(token, at) : string(token, at, c, 1);
                token.retype(VARIABLE);
                return next;
            }
        }
        int stop = spanNot(at, VARIABLE_ENDS);
        token.assign(VARIABLE, input, at, stop - at);
        return stop;
    }

    /**
     * A {@code $}: money ({@code $1,000.00}) is a number; PostgreSQL's {@code $$...$$} and
     * {@code $tag$...$tag$} are strings; any other {@code $} is a bareword of its own.
     */
    private int money(SqlToken token) {
        if (pos + 1 == end) {
            return single(token, BAREWORD);
        }
        int amountEnd = span(pos + 1, MONEY);
        if (amountEnd == pos + 2 && input.charAt(pos + 1) == '.') {
            return word(token);
        }
        if (amountEnd > pos + 1) {
            token.assign(NUMBER, input, pos, amountEnd - pos);
            return amountEnd;
        }
        if (input.charAt(pos + 1) == '$') {
            return dollarQuoted(token, pos + 2, "$$");
        }
        int tagEnd = span(pos + 1, LETTERS);
        if (tagEnd == pos + 1 || tagEnd == end || input.charAt(tagEnd) != '$') {
            return single(token, BAREWORD);
        }
        return dollarQuoted(token, tagEnd + 1, input.substring(pos, tagEnd + 1));
    }

    private int dollarQuoted(SqlToken token, int start, String delimiter) {
        int close = input.indexOf(delimiter, start);
        if (close < 0) {
            token.assign(STRING, input, start, end - start);
            token.quotes('$', (char) 0);
            return end;
        }
        token.assign(STRING, input, start, close - start);
        token.quotes('$', '$');
        return close + delimiter.length();
    }

    /**
     * A number: hexadecimal {@code 0x1F} and binary {@code 0b01}, or digits with a fraction, an
     * exponent and Oracle's {@code d}/{@code f} suffix. A lone {@code .} is a dot; an exponent
     * without digits ({@code 1.e}) makes a bareword.
     */
    private int number(SqlToken token) {
        int start = pos;
        if (input.charAt(start) == '0' && start + 1 < end) {
            char radix = input.charAt(start + 1);
            String digits = radix == 'X' || radix == 'x' ? HEX_DIGITS
                    : radix == 'B' || radix == 'b' ? BINARY_DIGITS : null;
            if (digits != null) {
                int stop = span(start + 2, digits);
                token.assign(stop == start + 2 ? BAREWORD : NUMBER, input, start, stop - start);
                return stop;
            }
        }
        int at = digitsEnd(start);
        if (at < end && input.charAt(at) == '.') {
            at = digitsEnd(at + 1);
            if (at - start == 1) {
                token.assign(DOT, '.');
                return at;
            }
        }
        boolean exponent = false;
        boolean exponentDigits = false;
        if (at < end && (input.charAt(at) == 'E' || input.charAt(at) == 'e')) {
            exponent = true;
            at++;
            if (at < end && (input.charAt(at) == '+' || input.charAt(at) == '-')) {
                at++;
            }
            int digitsEnd = digitsEnd(at);
            exponentDigits = digitsEnd > at;
            at = digitsEnd;
        }
        if (at < end && "dDfF".indexOf(input.charAt(at)) >= 0 && endsOracleNumber(at + 1)) {
            at++;
        }
        token.assign(exponent && !exponentDigits ? BAREWORD : NUMBER, input, start, at - start);
        return at;
    }

    /** Whether a {@code d} or {@code f} before {@code next} ends a number: {@code 1.2f UNION}, not {@code 123FROM}. */
    private boolean endsOracleNumber(int next) {
        if (next == end) {
            return true;
        }
        char c = input.charAt(next);
        return isBlank(c) || c == ';' || c == 'u' || c == 'U';
    }

    private int digitsEnd(int from) {
        int at = from;
        while (at < end && input.charAt(at) >= '0' && input.charAt(at) <= '9') {
            at++;
        }
        return at;
    }

    /** Where the run of characters in {@code set} from {@code from} ends. */
    private int span(int from, String set) {
        int at = from;
        while (at < end && isIn(input.charAt(at), set)) {
            at++;
        }
        return at;
    }

    /** Where the run of characters not in {@code set} from {@code from} ends. */
    private int spanNot(int from, String set) {
        int at = from;
        while (at < end && !isIn(input.charAt(at), set)) {
            at++;
        }
        return at;
    }

    /** Where {@code first} followed by {@code second} starts, from {@code from} to {@code last} at most, or -1. */
    private int indexOfPair(char first, char second, int from, int last) {
        for (int at = from; at < last; at++) {
            if (input.charAt(at) == first && input.charAt(at + 1) == second) {
                return at;
            }
        }
        return -1;
    }

    /** Membership as libinjection's C string sets have it: NUL belongs to every set. */
    private static boolean isIn(char c, String set) {
        return c == 0 || set.indexOf(c) >= 0;
    }

    /** Blanks as SQL has them, with NUL (Oracle) and the Latin-1 no-break space. */
    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r' || c == 0xa0 || c == 0;
    }
}
