package io.frontdesk.waf.detect;

import static io.frontdesk.waf.detect.SqlTokenType.*;

/**
 * Decides whether a fingerprint is an injection. An input is one if, placed where a value goes in
 * a query, it ends that value and goes on as SQL: where a quoted value would end ({@code x' ...}), or
 * right after a number or a name ({@code 1 ...}). What may follow the value is a short grammar:
 *
 * <ul>
 * <li>a logic operator and a predicate, function call or subquery ({@code ' or 1=1}, {@code 1 and
 *     sleep(5)}, {@code ') or ('a'='a}),
 * <li>UNION and a SELECT, a {@code ;} and another statement, an ORDER BY, GROUP BY, HAVING or LIMIT,
 * <li>a comment that cuts the rest of the query off ({@code admin'--}),
 * <li>an operator and a call, a subquery, or a string that the query's own closing quote ends
 *     ({@code '+sleep(5)+'}, {@code x'='x}),
 * </ul>
 *
 * plus a few forms that are attacks wherever they stand: a MySQL executable comment, INTO OUTFILE,
 * a call of a function attacks use ({@code sleep(5)}, not {@code user(name)}), a whole SELECT of
 * something not a word.
 *
 * <p>Innocent text is mostly words, so when the input starts with a word the rules ask for more:
 * a predicate must compare a number, string or variable, a call must be to an attack function, a
 * statement must be followed by SQL rather than by words. The exceptions that keep innocent text
 * out are of the same kind: {@code 5 or 6} is no predicate, {@code it's} and {@code O'Reilly} end a
 * string and go on with a word, {@code a < b} compares words.
 */
final class SqlInjectionRules {

    /** How sure it is that the start of the input ended a value. */
    private enum Start {
        /** The input closed a quoted string it was read inside. */
        BREAKOUT,
        /** A number, variable, string or closing parenthesis. */
        VALUE,
        /** A word: innocent text starts this way. */
        WORD
    }

    private SqlInjectionRules() {
    }

    static boolean isInjection(SqlFingerprint print) {
        if (print.tokens().isEmpty()) {
            return false;
        }
        for (SqlToken token : print.tokens()) {
            if (token.is(EVIL) || SqlWords.writesFile(token)) {
                return true;
            }
        }
        SqlToken first = print.at(0);
        if (print.context() != 0) {
            return !first.unterminated() && afterValue(print, 1, Start.BREAKOUT);
        }
        return switch (first.type()) {
            case FUNCTION -> SqlWords.isAttackFunction(first.text()) && !print.is(2, BAREWORD);
            case STATEMENT -> first.text().startsWith("select") && wholeSelect(print);
            case NUMBER, VARIABLE, STRING, RIGHT_PAREN -> afterValue(print, 1, Start.VALUE);
            case BAREWORD -> afterValue(print, 1, Start.WORD);
            default -> false;
        };
    }

    /**
     * What follows a value at {@code i}, after the parentheses it may close. A statement with no
     * {@code ;} before it (SQL Server allows that) is held to the strict reading of one that
     * follows a word, {@code The 'update' button} being text; and it is not a SELECT, which attacks
     * put after UNION or {@code ;}, while prose quoting SQL puts it after a quote.
     */
    private static boolean afterValue(SqlFingerprint print, int i, Start start) {
        boolean closed = print.is(i, RIGHT_PAREN);
        int at = closed ? i + 1 : i;
        SqlToken token = print.at(at);
        if (token == null) {
            return false;
        }
        return switch (token.type()) {
            case LOGIC -> afterLogic(print, at + 1, start);
            case UNION -> select(print, print.is(at + 1, LEFT_PAREN) ? at + 2 : at + 1, start);
            case SEMICOLON -> statement(print, at + 1, start);
            case STATEMENT -> start != Start.WORD && !token.text().startsWith("select")
                    && statement(print, at, Start.WORD);
            case CLAUSE -> clause(print, at, start);
            case FUNCTION -> start == Start.BREAKOUT || start == Start.VALUE && SqlWords.isAttackFunction(token.text());
            case COMMENT -> cutsOff(token, closed, start);
            case OPERATOR, COMPARISON -> afterOperator(print, at + 1, start);
            default -> false;
        };
    }

    /**
     * A comment right after the value, cutting off the rest of the query. After a breakout any
     * {@code --} or {@code /*} does; {@code #} must be empty, as in {@code color='#fff'} it is
     * text. After a number, the comment must be empty or close a parenthesis: {@code 2020--21} is text.
     */
    private static boolean cutsOff(SqlToken comment, boolean closedParenthesis, Start start) {
        return switch (start) {
            case BREAKOUT -> closedParenthesis || !comment.text().startsWith("#") || comment.isEmptyComment();
            case VALUE -> closedParenthesis || comment.isEmptyComment();
            case WORD -> false;
        };
    }

    /** After {@code AND}/{@code OR}: a predicate, a call, a subquery; or, after a breakout, a lone value. */
    private static boolean afterLogic(SqlFingerprint print, int i, Start start) {
        SqlToken token = print.at(i);
        if (token == null) {
            return false;
        }
        switch (token.type()) {
            case FUNCTION:
                return start != Start.WORD || SqlWords.isAttackFunction(token.text());
            case LEFT_PAREN:
                return statement(print, i + 1, start) || print.is(i + 1, FUNCTION) || predicate(print, i + 1, start);
            case NUMBER, STRING, VARIABLE, BAREWORD:
                break;
            default:
                return false;
        }
        if (predicate(print, i, start)) {
            return true;
        }
        SqlToken next = print.at(i + 1);
        if (next == null) {
            // ' or 1 and ' or ': the query's closing quote ends what the input opened
            return print.endsAt(i + 1) && start == Start.BREAKOUT
                    && (token.is(NUMBER) || token.is(VARIABLE) || token.is(STRING) && token.unterminated());
        }
        return switch (next.type()) {
            case COMMENT -> start == Start.BREAKOUT || !token.is(BAREWORD);
            case LOGIC -> afterLogic(print, i + 2, start);
            case SEMICOLON -> statement(print, i + 2, start);
            case UNION -> select(print, i + 2, start);
            case CLAUSE -> clause(print, i + 1, start);
            default -> false;
        };
    }

    /**
     * A comparison at {@code i}: {@code 1=1}, {@code 'a'='a'}, {@code x like '%'}. Two words
     * compared ({@code a < b}) are text unless a breakout came first; a word on the left is text when
     * the input started with a word ({@code you and me <3}).
     */
    private static boolean predicate(SqlFingerprint print, int i, Start start) {
        SqlToken left = print.at(i);
        SqlToken operator = print.at(i + 1);
        SqlToken right = print.at(i + 2);
        if (left == null || operator == null || right == null || !operator.is(COMPARISON)) {
            return false;
        }
        boolean leftLiteral = left.is(NUMBER) || left.is(STRING) || left.is(VARIABLE);
        if (operator.word()) {
            // LIKE, IS, BETWEEN, IN (...): 'more like 6' is text, 'x like '%'' is not
            boolean rightLiteral = right.is(STRING) || right.is(VARIABLE);
            return (leftLiteral || rightLiteral) && (rightLiteral || right.is(NUMBER) || right.is(LEFT_PAREN));
        }
        boolean rightOperand = right.type().isTerm() || right.is(STRING) || right.is(FUNCTION) || right.is(LEFT_PAREN);
        if (!rightOperand || !leftLiteral && !left.is(BAREWORD)) {
            return false;
        }
        return leftLiteral || start == Start.BREAKOUT || start == Start.VALUE && !right.is(BAREWORD);
    }

    /** After an operator: a call, a subquery, the string the query closes, or another value. */
    private static boolean afterOperator(SqlFingerprint print, int i, Start start) {
        SqlToken token = print.at(i);
        if (token == null) {
            return false;
        }
        return switch (token.type()) {
            case FUNCTION -> start == Start.BREAKOUT || start == Start.VALUE && SqlWords.isAttackFunction(token.text());
            case LEFT_PAREN -> statement(print, i + 1, start);
            case STRING -> start == Start.BREAKOUT && token.unterminated() && print.endsAt(i + 1)
                    || !token.unterminated() && afterValue(print, i + 1, start);
            case NUMBER, VARIABLE, BAREWORD -> afterValue(print, i + 1, start);
            default -> false;
        };
    }

    /** A SELECT at {@code i}, as after UNION. */
    private static boolean select(SqlFingerprint print, int i, Start start) {
        return print.is(i, STATEMENT) && print.at(i).text().startsWith("select") && statement(print, i, start);
    }

    /**
     * A statement at {@code i}, followed by what makes it SQL rather than an English verb: a
     * keyword ({@code drop table}), a literal, variable, call or subquery, or a name that SQL goes on
     * from ({@code update users set}, {@code exec xp_cmdshell 'dir'}).
     */
    private static boolean statement(SqlFingerprint print, int i, Start start) {
        if (!print.is(i, STATEMENT)) {
            return false;
        }
        SqlToken next = print.at(i + 1);
        if (next == null) {
            return print.endsAt(i + 1) && start != Start.WORD;
        }
        return switch (next.type()) {
            case KEYWORD, COMMENT -> true;
            case NUMBER, VARIABLE, STRING, FUNCTION, LEFT_PAREN -> start != Start.WORD || goesOn(print, i + 2, start);
            case OPERATOR -> next.text().equals("*");
            case BAREWORD -> goesOn(print, i + 2, start);
            default -> false;
        };
    }

    /** Whether SQL goes on at {@code i}, or the input ends there after a strong start. */
    private static boolean goesOn(SqlFingerprint print, int i, Start start) {
        SqlToken token = print.at(i);
        if (token == null) {
            return print.endsAt(i) && start != Start.WORD;
        }
        return switch (token.type()) {
            case KEYWORD, STATEMENT, COMMA, SEMICOLON, COMMENT, RIGHT_PAREN, LEFT_PAREN, UNION, LOGIC, COMPARISON,
                    OPERATOR, CLAUSE, STRING, VARIABLE -> true;
            default -> false;
        };
    }

    /** {@code ORDER BY 1--}, {@code LIMIT 1}, {@code HAVING 1=1}: probing a query's shape. */
    private static boolean clause(SqlFingerprint print, int i, Start start) {
        if (start == Start.WORD) {
            return false;
        }
        if (print.at(i).text().equals("having")) {
            return predicate(print, i + 1, start);
        }
        return print.is(i + 1, NUMBER) && (print.endsAt(i + 2) || print.is(i + 2, COMMENT) || print.is(i + 2, COMMA));
    }

    /**
     * An input that is a whole SELECT (a parenthesis before it is skipped): {@code select 1},
     * {@code select * from users}, {@code (select @@version)}; {@code select the best option} is
     * text, so the first thing selected must not be a word.
     */
    private static boolean wholeSelect(SqlFingerprint print) {
        SqlToken next = print.at(1);
        if (next == null) {
            return false;
        }
        boolean selectable = switch (next.type()) {
            case NUMBER, VARIABLE, STRING, FUNCTION, LEFT_PAREN -> true;
            case OPERATOR -> next.text().equals("*");
            default -> false;
        };
        return selectable && goesOn(print, 2, Start.VALUE);
    }
}
