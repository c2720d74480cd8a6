package io.frontdesk.waf.detect;

import static io.frontdesk.waf.detect.SqlTokenType.*;

/**
 * Folds a token stream as libinjection does, so that many spellings of an attack give one
 * fingerprint: {@code 1+2-3} is one number, {@code a,b,c} one value, {@code = -1} drops its sign,
 * {@code UNION ALL} is one union, comments between tokens vanish and one at the end is kept. Leading
 * comments, parentheses and signs are skipped. The tokens are read into a window; pairs and then
 * triples at its left are folded, and the left edge moves on when nothing folds, until
 * {@link #MAX_TOKENS} are left or the input ends. The folder keeps its tokens from one reading to
 * the next, so reading allocates nothing.
 */
final class SqlFolder {

    static final int MAX_TOKENS = 5;

    /** Room for one token past the fingerprint's, read to decide how the last one folds. */
    private final SqlToken[] tokens = new SqlToken[MAX_TOKENS + 3];
    private final SqlToken lastComment = new SqlToken();
    private SqlTokenizer tokenizer;
    /** Where the next token read goes. */
    private int pos;
    /** How many tokens at the start are done folding. */
    private int left;
    private boolean more;

    SqlFolder() {
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = new SqlToken();
        }
    }

    SqlToken token(int index) {
        return tokens[index];
    }

    /** Folds what {@code reader} reads; how many tokens the fingerprint has, each in {@link #token}. */
    int fold(SqlTokenizer reader) {
        tokenizer = reader;
        lastComment.clear();
        pos = 0;
        left = 0;
        more = true;
        while (more) {
            more = tokenizer.next(tokens[0]);
            SqlToken first = tokens[0];
            if (!(first.is(COMMENT) || first.is(LEFT_PAREN) || first.is(SQL_TYPE) || first.isUnaryOperator())) {
                break;
            }
        }
        if (!more) {
            return 0;
        }
        pos = 1;
        while (true) {
            if (pos >= MAX_TOKENS && startsWithFoldableFive()) {
                if (pos > MAX_TOKENS) {
                    tokens[1].copyFrom(tokens[MAX_TOKENS]);
                    pos = 2;
                } else {
                    pos = 1;
                }
                left = 0;
            }
            if (!more || left >= MAX_TOKENS) {
                left = pos;
                break;
            }
            readUntil(2);
            if (pos - left < 2) {
                left = pos;
                continue;
            }
            PairFold pairFold = foldPair(tokens[left], tokens[left + 1]);
            if (pairFold == PairFold.EVIL) {
                return left + 2;
            }
            if (pairFold == PairFold.FOLDED) {
                continue;
            }
            readUntil(3);
            if (pos - left < 3) {
                left = pos;
                continue;
            }
            if (foldTriple(tokens[left], tokens[left + 1], tokens[left + 2])) {
                continue;
            }
            left++;
        }
        if (left < MAX_TOKENS && lastComment.is(COMMENT)) {
            tokens[left].copyFrom(lastComment);
            left++;
        }
        return Math.min(left, MAX_TOKENS);
    }

    /** Reads tokens until {@code count} are right of the left edge; comments are set aside, the last kept. */
    private void readUntil(int count) {
        while (more && pos <= MAX_TOKENS && pos - left < count) {
            SqlToken token = tokens[pos];
            more = tokenizer.next(token);
            if (more) {
                if (token.is(COMMENT)) {
                    lastComment.copyFrom(token);
                } else {
                    lastComment.clear();
                    pos++;
                }
            }
        }
    }

    /**
     * Five tokens of a value list or a call ({@code 1,(2)}, {@code x+(y)}, {@code 1),(2}): the
     * window starts over after the first, so that long lists fold to one value.
     */
    private boolean startsWithFoldableFive() {
        SqlTokenType a = tokens[0].type();
        SqlTokenType b = tokens[1].type();
        SqlTokenType c = tokens[2].type();
        SqlTokenType d = tokens[3].type();
        SqlTokenType e = tokens[4].type();
        return a == NUMBER && (b == OPERATOR || b == COMMA) && c == LEFT_PAREN && d == NUMBER && e == RIGHT_PAREN
                || a == BAREWORD && b == OPERATOR && c == LEFT_PAREN && (d == BAREWORD || d == NUMBER)
                        && e == RIGHT_PAREN
                || a == NUMBER && b == RIGHT_PAREN && c == COMMA && d == LEFT_PAREN && e == NUMBER
                || a == BAREWORD && b == RIGHT_PAREN && c == OPERATOR && d == LEFT_PAREN && e == BAREWORD;
    }

    private enum PairFold {
        /** Something folded or was retyped: look again from the start of the window. */
        FOLDED,
        /** Nothing folded: go on to look at three tokens. */
        NONE,
        /** {@code { ``}: the reading stops, the fingerprint is evil. */
        EVIL
    }

    /** Folds the two tokens at the left edge, {@code a} and {@code b}. */
    private PairFold foldPair(SqlToken a, SqlToken b) {
        if (a.is(STRING) && b.is(STRING) || a.is(SEMICOLON) && b.is(SEMICOLON)) {
            pos--;
        } else if ((a.is(OPERATOR) || a.is(LOGIC_OPERATOR)) && (b.isUnaryOperator() || b.is(SQL_TYPE))) {
            pos--;
            left = 0;
        } else if (a.is(LEFT_PAREN) && b.isUnaryOperator() || mergeWords(a, b)) {
            pos--;
            if (left > 0) {
                left--;
            }
        } else if (a.is(SEMICOLON) && b.is(FUNCTION) && b.startsWith("IF")) {
            // IF after a semicolon is Transact-SQL's statement, not MySQL's function
            b.retype(TSQL);
        } else if ((a.is(BAREWORD) || a.is(VARIABLE)) && b.is(LEFT_PAREN) && isFunctionWhenCalled(a)) {
            a.retype(FUNCTION);
        } else if (a.is(KEYWORD) && (a.valueIs("IN") || a.valueIs("NOT IN"))) {
            a.retype(b.is(LEFT_PAREN) ? OPERATOR : BAREWORD);
        } else if (a.is(OPERATOR) && (a.valueIs("LIKE") || a.valueIs("NOT LIKE"))) {
            if (b.is(LEFT_PAREN)) {
                a.retype(FUNCTION);
            }
            return PairFold.NONE;
        } else if (a.is(SQL_TYPE) && (b.is(BAREWORD) || b.is(NUMBER) || b.is(SQL_TYPE) || b.is(LEFT_PAREN)
                || b.is(FUNCTION) || b.is(VARIABLE) || b.is(STRING))) {
            a.copyFrom(b);
            pos--;
            left = 0;
        } else if (a.is(COLLATE) && b.is(BAREWORD)) {
            // too many collations to list: one with an underscore is taken for one
            if (b.contains('_')) {
                b.retype(SQL_TYPE);
                left = 0;
            }
            return PairFold.NONE;
        } else if (a.is(BACKSLASH)) {
            // Transact-SQL reads \%1 as 0 % 1 and \1 as 1
            if (b.isArithmeticOperator()) {
                a.retype(NUMBER);
            } else {
                a.copyFrom(b);
                pos--;
            }
            left = 0;
        } else if (a.is(LEFT_PAREN) && b.is(LEFT_PAREN) || a.is(RIGHT_PAREN) && b.is(RIGHT_PAREN)) {
            pos--;
            left = 0;
        } else if (a.is(LEFT_BRACE) && b.is(BAREWORD)) {
            // ODBC's {fn expr} reads as expr; MySQL's { ``.``.id } is too odd to read at all
            if (b.length() == 0) {
                b.retype(EVIL);
                return PairFold.EVIL;
            }
            left = 0;
            pos -= 2;
        } else if (b.is(RIGHT_BRACE)) {
            pos--;
            left = 0;
        } else {
            return PairFold.NONE;
        }
        return PairFold.FOLDED;
    }

    /** Words that are column names but for a parenthesis after them. */
    private static boolean isFunctionWhenCalled(SqlToken word) {
        return word.valueIs("USER_ID") || word.valueIs("USER_NAME") || word.valueIs("DATABASE")
                || word.valueIs("PASSWORD") || word.valueIs("USER") || word.valueIs("CURRENT_USER")
                || word.valueIs("CURRENT_DATE") || word.valueIs("CURRENT_TIME") || word.valueIs("CURRENT_TIMESTAMP")
                || word.valueIs("LOCALTIME") || word.valueIs("LOCALTIMESTAMP");
    }

    /** Merges two words into the phrase they make ({@code UNION} {@code ALL}), if the vocabulary has it. */
    private static boolean mergeWords(SqlToken a, SqlToken b) {
        if (!isMergeable(a.type()) || !(isMergeable(b.type()) || b.is(LOGIC_OPERATOR))) {
            return false;
        }
        int length = a.length();
        if (!a.append(b)) {
            return false;
        }
        SqlTokenType phrase = SqlWords.typeOf(a.valueBuffer(), a.length());
        if (phrase == null) {
            a.truncate(length);
            return false;
        }
        a.retype(phrase);
        return true;
    }

    private static boolean isMergeable(SqlTokenType type) {
        return type == KEYWORD || type == BAREWORD || type == OPERATOR || type == UNION || type == FUNCTION
                || type == EXPRESSION || type == TSQL || type == SQL_TYPE;
    }

    /** Folds the three tokens at the left edge; whether anything changed that asks to look again. */
    private boolean foldTriple(SqlToken a, SqlToken b, SqlToken c) {
        if (a.is(NUMBER) && b.is(OPERATOR) && c.is(NUMBER)
                || a.is(OPERATOR) && !b.is(LEFT_PAREN) && c.is(OPERATOR)
                || a.is(LOGIC_OPERATOR) && c.is(LOGIC_OPERATOR)
                || a.is(VARIABLE) && b.is(OPERATOR) && (c.is(VARIABLE) || c.is(NUMBER) || c.is(BAREWORD))
                || (a.is(BAREWORD) || a.is(NUMBER)) && b.is(OPERATOR) && (c.is(NUMBER) || c.is(BAREWORD))
                || isValue(a) && b.is(OPERATOR) && b.valueIs("::") && c.is(SQL_TYPE)
                || isValue(a) && b.is(COMMA) && isValue(c)
                || a.is(BAREWORD) && b.is(DOT) && c.is(BAREWORD)) {
            pos -= 2;
        } else if ((a.is(EXPRESSION) || a.is(GROUP) || a.is(COMMA)) && b.isUnaryOperator() && c.is(LEFT_PAREN)
                || (a.is(KEYWORD) || a.is(EXPRESSION) || a.is(GROUP)) && b.isUnaryOperator()
                        && (isValue(c) || c.is(FUNCTION))) {
            b.copyFrom(c);
            pos--;
        } else if (a.is(COMMA) && b.isUnaryOperator() && isValue(c)) {
            // 1,-1 folds to 1: drop the sign, then back up to fold the list
            b.copyFrom(c);
            pos -= 3;
        } else if (a.is(COMMA) && b.isUnaryOperator() && c.is(FUNCTION)
                || a.is(EXPRESSION) && b.is(DOT) && c.is(BAREWORD)) {
            b.copyFrom(c);
            pos--;
        } else {
            if (a.is(FUNCTION) && b.is(LEFT_PAREN) && !c.is(RIGHT_PAREN) && a.valueIs("USER")) {
                // USER() takes no argument: USER(x) is some other user
                a.retype(BAREWORD);
            }
            return false;
        }
        left = 0;
        return true;
    }

    private static boolean isValue(SqlToken token) {
        return token.is(BAREWORD) || token.is(NUMBER) || token.is(VARIABLE) || token.is(STRING);
    }
}
