package io.frontdesk.waf.detect;

import java.util.ArrayList;
import java.util.List;

import static io.frontdesk.waf.detect.SqlTokenType.*;

/**
 * Folds a token stream the way a parser would reduce it, so that many spellings of an attack give
 * one fingerprint: {@code 1+2-3} is one number, {@code a,b,c} one value, {@code = -1} drops its sign,
 * {@code UNION ALL} is one union, a word before {@code (} that names a function is a call, comments
 * between tokens vanish and one at the end is kept. Tokens are shifted onto a stack and the top
 * reduced after each; reading stops once {@link #WINDOW} tokens are left that no longer fold, so an
 * input costs time in proportion to the tokens read, at most its length.
 */
final class SqlFolder {

    static final int WINDOW = 8;

    private SqlFolder() {
    }

    static SqlFingerprint fold(SqlTokenizer tokenizer, char context) {
        List<SqlToken> stack = new ArrayList<>(WINDOW + 1);
        SqlToken trailingComment = null;
        boolean complete = false;
        int shifted = 0;
        while (true) {
            SqlToken token = tokenizer.next();
            if (token == null) {
                complete = true;
                break;
            }
            if (token.is(COMMENT)) {
                if (!stack.isEmpty()) {
                    trailingComment = token;
                }
                continue;
            }
            trailingComment = null;
            shifted++;
            if (stack.isEmpty() && (token.isUnary() || token.is(LEFT_PAREN))) {
                continue;
            }
            stack.add(token);
            while (reduce(stack)) {
                // each reduction shortens the stack or retypes a token once, so this ends
            }
            if (stack.size() > WINDOW) {
                stack.remove(WINDOW);
                break;
            }
        }
        if (complete && trailingComment != null && stack.size() < WINDOW) {
            stack.add(trailingComment);
        }
        return new SqlFingerprint(List.copyOf(stack), complete, context, shifted);
    }

    private static boolean reduce(List<SqlToken> stack) {
        int n = stack.size();
        if (n < 2) {
            return false;
        }
        SqlToken a = stack.get(n - 2);
        SqlToken b = stack.get(n - 1);
        if (a.word() && b.word()) {
            String pair = a.text() + " " + b.text();
            SqlTokenType type = SqlWords.pairType(pair);
            if (type != null) {
                replaceTop(stack, 2, SqlToken.word(type, pair));
                return true;
            }
        }
        if (b.is(LEFT_PAREN) && a.word() && !a.is(FUNCTION) && !a.is(COMPARISON)) {
            if (SqlWords.isFunction(a.text())) {
                stack.set(n - 2, a.as(FUNCTION));
                return true;
            }
            if (a.text().equals("in")) {
                stack.set(n - 2, a.as(COMPARISON));
                return true;
            }
        }
        if (a.is(STRING) && b.is(STRING)) {
            // 'a' 'b' is one string in SQL; it ends where the second does
            replaceTop(stack, 2, new SqlToken(STRING, b.text(), false, a.fromContext(), b.unterminated()));
            return true;
        }
        if (a.type() == b.type() && (a.is(SEMICOLON) || a.is(LEFT_PAREN) || a.is(RIGHT_PAREN))) {
            stack.remove(n - 1);
            return true;
        }
        if (b.isUnary() && expectsValue(a)) {
            stack.remove(n - 1);
            return true;
        }
        if (a.is(OPERATOR) && (a.text().equals("+") || a.text().equals("-"))
                && (b.is(LOGIC) || b.is(UNION) || b.is(STATEMENT))) {
            // a + standing for a blank, as in a form-encoded '+or+1=1
            stack.remove(n - 2);
            return true;
        }
        if ((a.is(OPERATOR) || a.is(COMPARISON)) && b.is(OPERATOR)) {
            stack.remove(n - 1);
            return true;
        }
        return n >= 3 && reduceThree(stack, stack.get(n - 3), a, b);
    }

    private static boolean reduceThree(List<SqlToken> stack, SqlToken a, SqlToken b, SqlToken c) {
        boolean fold = a.type().isTerm() && b.is(OPERATOR) && c.type().isTerm()
                || isListItem(a) && b.is(COMMA) && isListItem(c)
                || (a.is(OPERATOR) || a.is(COMPARISON)) && b.type().isTerm() && c.is(OPERATOR)
                || a.is(LOGIC) && b.type().isTerm() && c.is(LOGIC);
        if (fold) {
            stack.remove(stack.size() - 1);
            stack.remove(stack.size() - 1);
        }
        return fold;
    }

    private static boolean isListItem(SqlToken token) {
        return token.type().isTerm() || token.is(STRING);
    }

    /**
     * Tokens after which a sign belongs to the value that follows. Of statements only SELECT: after
     * another, a hyphen more likely joins words ({@code update-text}).
     */
    private static boolean expectsValue(SqlToken token) {
        return switch (token.type()) {
            case OPERATOR, COMPARISON, LOGIC, LEFT_PAREN, COMMA, SEMICOLON, KEYWORD, UNION, CLAUSE -> true;
            case STATEMENT -> token.text().startsWith("select");
            default -> false;
        };
    }

    private static void replaceTop(List<SqlToken> stack, int count, SqlToken token) {
        for (int i = 0; i < count; i++) {
            stack.remove(stack.size() - 1);
        }
        stack.add(token);
    }
}
