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
 * and, further on after a breakout or a number, a UNION SELECT, a subquery or a {@code ;} and a
 * statement. A few forms are attacks wherever they stand: a MySQL executable comment, INTO OUTFILE,
 * a call of a function attacks use ({@code sleep(5)}, not {@code user(name)}), a whole SELECT of
 * something not a word, {@code exec(@sql)}; an input may also start at the grammar's middle, with
 * {@code and}, {@code ;} or {@code union}.
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
            return !first.unterminated() && afterStrongStart(print, Start.BREAKOUT);
        }
        return switch (first.type()) {
            case FUNCTION -> attackCall(print, 0);
            case STATEMENT -> first.text().startsWith("select") ? wholeSelect(print) : wholeStatement(print);
            case NUMBER, VARIABLE, STRING, RIGHT_PAREN -> afterStrongStart(print, Start.VALUE);
            case BAREWORD -> afterValue(print, 1, Start.WORD);
            case LOGIC -> afterLogic(print, 1, Start.WORD);
            case SEMICOLON -> statement(print, 1, Start.WORD);
            case UNION -> select(print, 1, Start.WORD);
            default -> false;
        };
    }

    /**
     * A call at {@code i} of a function attacks use, given SQL rather than a word: {@code sleep(5)},
     * not {@code user(name)}.
     */
    private static boolean attackCall(SqlFingerprint print, int i) {
        return SqlWords.isAttackFunction(print.at(i).text()) && !print.is(i + 2, BAREWORD);
    }

    /**
     * An input that is a statement other than SELECT, with something English does not put after a
     * verb: {@code exec(@sql)}, {@code exec('...')}, {@code declare @x}; {@code create table
     * reservations} and {@code Delete (Trashcan)} are text.
     */
    private static boolean wholeStatement(SqlFingerprint print) {
        int at = print.is(1, LEFT_PAREN) ? 2 : 1;
        return print.is(at, VARIABLE) || at == 2 && print.is(at, STRING);
    }

    /**
     * After a breakout or a number, what follows the value, or further on a UNION SELECT, a
     * subquery, or a {@code ;} and a statement (held to the strict reading, as text is around).
     */
    private static boolean afterStrongStart(SqlFingerprint print, Start start) {
        if (afterValue(print, 1, start)) {
            return true;
        }
        for (int i = 2; i < print.tokens().size(); i++) {
            boolean found = switch (print.at(i).type()) {
                case UNION -> select(print, print.is(i + 1, LEFT_PAREN) ? i + 2 : i + 1, start);
                case LEFT_PAREN -> select(print, i + 1, start);
                case SEMICOLON -> statement(print, i + 1, Start.WORD);
                default -> false;
            };
            if (found) {
                return true;
            }
        }
        return false;
    }

    /**
     * What follows a value at {@code i}, after the parentheses it may close. A statement with no
     * {@code ;} before it (SQL Server allows that) is held to the strict reading of one that
     * follows a word, and must end in a comment that cuts the query off, as it needs to work:
     * {@code 'Show Completions' will} and {@code "insert into t values (1)" \} are text. It is not a
     * SELECT, which attacks put after UNION or {@code ;}, while prose quoting SQL puts it after a
     * quote. A call right after the value must be to an attack function ({@code " sleep(10)}).
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
                    && statement(print, at, Start.WORD) && cutOffLater(print, at + 1);
            case CLAUSE -> clause(print, at, start);
            case FUNCTION -> start != Start.WORD && attackCall(print, at);
            case COMMENT -> cutsOff(print, at, closed, start);
            case OPERATOR, COMPARISON -> afterOperator(print, at + 1, start);
            default -> false;
        };
    }

    /** Whether a comment that cuts the query off comes at or after {@code i}. */
    private static boolean cutOffLater(SqlFingerprint print, int i) {
        for (int k = i; k < print.tokens().size(); k++) {
            if (print.at(k).isPlainComment()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A comment at {@code i}, right after the value, cutting off the rest of the query. After a
     * breakout, a comment every dialect reads ({@code admin'--}); a lone {@code #} ends too many
     * innocent inputs ({@code Soap 1 '#}) unless it closes a parenthesis too. After a number, an
     * empty comment right after it, nothing folded before ({@code 1--}, not {@code 2020--21} or
     * {@code 1611-IioX--}).
     */
    private static boolean cutsOff(SqlFingerprint print, int i, boolean closedParenthesis, Start start) {
        SqlToken comment = print.at(i);
        return switch (start) {
            case BREAKOUT -> comment.isPlainComment() || closedParenthesis;
            case VALUE -> print.shifted() == i && (closedParenthesis || comment.isEmptyComment());
            case WORD -> false;
        };
    }

    /**
     * After {@code AND}/{@code OR}: a predicate, a call, a subquery; or, after a breakout, a lone
     * value. An input may start here ({@code and sleep(5)}), read as strictly as one starting with
     * a word.
     */
    private static boolean afterLogic(SqlFingerprint print, int i, Start start) {
        SqlToken token = print.at(i);
        if (token == null) {
            return false;
        }
        switch (token.type()) {
            case FUNCTION:
                return start != Start.WORD || SqlWords.isAttackFunction(token.text());
            case LEFT_PAREN:
                return statement(print, i + 1, start) || print.is(i + 1, FUNCTION) || predicate(print, i + 1, start)
                        || start != Start.WORD && parenthesized(print, i) && print.is(i + 3, COMPARISON);
            case STATEMENT:
                return start != Start.WORD && select(print, i, start);
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
                    && (token.is(NUMBER) || token.is(VARIABLE) || reenters(print, i));
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
            // LIKE, IS, BETWEEN, IN (...): 'more like 6' is text, 'x like '%'' and ' or id is null are not
            boolean rightLiteral = right.is(STRING) || right.is(VARIABLE);
            return (leftLiteral || rightLiteral || start == Start.BREAKOUT)
                    && (rightLiteral || right.is(NUMBER) || right.is(LEFT_PAREN));
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
            case LEFT_PAREN -> statement(print, i + 1, start)
                    || parenthesized(print, i) && afterValue(print, i + 2, start);
            case STRING -> start == Start.BREAKOUT && print.endsAt(i + 1) && reenters(print, i)
                    || !token.unterminated() && afterValue(print, i + 1, start);
            case NUMBER, VARIABLE, BAREWORD -> afterValue(print, i + 1, start);
            default -> false;
        };
    }

    /**
     * Whether the string at {@code i}, the last token, hands over to the query's own closing quote,
     * leaving the query whole: {@code x'='x}, {@code x' or '1}, {@code ' | cmd | '}. After {@code =}
     * and its kin its text must be a word, not prose ({@code File "<stdin>", line 1}). After a logic
     * operator or {@code LIKE}, it must be a number, or empty and not all there is ({@code select
     * 'and'} says nothing, and neither does {@code Guns' and 'Roses}); after arithmetic, a number or
     * empty, and not all there is ({@code "*"}, {@code SMALL "&" SIGN}).
     */
    private static boolean reenters(SqlFingerprint print, int i) {
        SqlToken string = print.at(i);
        SqlToken operator = print.at(i - 1);
        if (!string.isOpenString(print.context())) {
            return false;
        }
        if (operator.is(COMPARISON) && !operator.word()) {
            return string.isOneWordString();
        }
        boolean more = print.shifted() > 3;
        if (operator.is(LOGIC) || operator.is(COMPARISON)) {
            return string.isNumericString() || string.isBlankString() && more;
        }
        return (string.isNumericString() || string.isBlankString()) && more;
    }

    /** {@code (value)} at {@code i}. */
    private static boolean parenthesized(SqlFingerprint print, int i) {
        SqlToken inside = print.at(i + 1);
        return inside != null && (inside.type().isTerm() || inside.is(STRING)) && print.is(i + 2, RIGHT_PAREN);
    }

    /** A SELECT at {@code i}, as after UNION. */
    private static boolean select(SqlFingerprint print, int i, Start start) {
        return print.is(i, STATEMENT) && print.at(i).text().startsWith("select") && statement(print, i, start);
    }

    /**
     * A statement at {@code i}, followed by what makes it SQL rather than an English verb: a
     * keyword ({@code drop table}), a literal, variable, call or subquery, a name that SQL goes on
     * from ({@code update users set}, {@code exec xp_cmdshell 'dir'}); after a breakout or a number,
     * also any column a SELECT names, and a second statement ({@code begin declare @x}).
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
            case KEYWORD -> true;
            case COMMENT -> next.isPlainComment();
            case NUMBER, VARIABLE, STRING, FUNCTION, LEFT_PAREN -> start != Start.WORD || goesOn(print, i + 2, start);
            case OPERATOR -> next.text().equals("*");
            case BAREWORD -> start != Start.WORD && print.at(i).text().startsWith("select")
                    || goesOn(print, i + 2, start);
            case STATEMENT -> start != Start.WORD && statement(print, i + 1, start);
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
            case KEYWORD, COMMA, SEMICOLON, COMMENT, RIGHT_PAREN, LEFT_PAREN, UNION, LOGIC, COMPARISON, OPERATOR,
                    CLAUSE, STRING, VARIABLE -> true;
            case STATEMENT -> token.text().equals("set");
            default -> false;
        };
    }

    /**
     * {@code ORDER BY 1--}, {@code LIMIT 1}, {@code HAVING 1=1}, {@code ORDER BY if(...)},
     * {@code PROCEDURE ANALYSE(...)}, one after another ({@code GROUP BY 1 HAVING 1=1}): probing a
     * query's shape, or branching inside it.
     */
    private static boolean clause(SqlFingerprint print, int i, Start start) {
        if (start == Start.WORD) {
            return false;
        }
        String clause = print.at(i).text();
        if (clause.equals("having") && predicate(print, i + 1, start) || print.is(i + 1, FUNCTION)) {
            return true;
        }
        if (clause.equals("procedure analyse")) {
            return print.is(i + 1, LEFT_PAREN);
        }
        if (!print.is(i + 1, NUMBER)) {
            return false;
        }
        SqlToken next = print.at(i + 2);
        if (next == null) {
            return print.endsAt(i + 2);
        }
        return switch (next.type()) {
            case COMMENT, COMMA -> true;
            case CLAUSE -> clause(print, i + 2, start);
            case UNION -> select(print, i + 3, start);
            default -> false;
        };
    }

    /**
     * An input that is a whole SELECT (a parenthesis before it is skipped): {@code select * from
     * users}, {@code (select @@version)}; {@code select the best option} is text, so the first thing
     * selected must not be a word, and SQL must go on after it ({@code select 'and'} says nothing).
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
        return selectable && print.at(2) != null && goesOn(print, 2, Start.VALUE);
    }
}
