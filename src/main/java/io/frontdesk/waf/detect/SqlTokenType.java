package io.frontdesk.waf.detect;

/** The kinds of SQL token, each with the letter it has in a fingerprint. */
enum SqlTokenType {

    STRING('s'),
    NUMBER('1'),
    BAREWORD('n'),
    VARIABLE('v'),
    FUNCTION('f'),
    /** A word that only has a meaning in SQL: FROM, INTO, TABLE, ... */
    KEYWORD('k'),
    /** A word that starts a statement: SELECT, DROP, WAITFOR DELAY, ... */
    STATEMENT('E'),
    UNION('U'),
    /** ORDER BY, GROUP BY, HAVING, LIMIT, PROCEDURE ANALYSE. */
    CLAUSE('B'),
    OPERATOR('o'),
    COMPARISON('='),
    /** AND, OR, XOR, {@code &&}, {@code ||}. */
    LOGIC('&'),
    LEFT_PAREN('('),
    RIGHT_PAREN(')'),
    COMMA(','),
    SEMICOLON(';'),
    COMMENT('c'),
    /** Brackets and braces, which only some dialects give a meaning. */
    PUNCTUATION('?'),
    /** A MySQL executable comment or a comment opened inside a comment: never in innocent text. */
    EVIL('X');

    final char letter;

    SqlTokenType(char letter) {
        this.letter = letter;
    }

    /** A value an expression can be made of, which folding may merge with its neighbours. */
    boolean isTerm() {
        return this == NUMBER || this == BAREWORD || this == VARIABLE;
    }
}
