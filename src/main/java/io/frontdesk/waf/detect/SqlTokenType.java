package io.frontdesk.waf.detect;

/**
 * The kinds of SQL token, each with the letter it has in a fingerprint. The letters are
 * libinjection's, so that fingerprints compare with its list and read as ModSecurity logs them.
 */
enum SqlTokenType {

    /** A word with a meaning in SQL that is none of the more particular kinds below: FROM, INTO. */
    KEYWORD('k'),
    /** UNION, EXCEPT, INTERSECT and their ALL and DISTINCT forms. */
    UNION('U'),
    /** GROUP BY, ORDER BY, HAVING, LIMIT. */
    GROUP('B'),
    /** A word that starts an expression or a statement: SELECT, CASE, UPDATE. */
    EXPRESSION('E'),
    /** A type's name: INT, VARCHAR; signs and casts around it fold away. */
    SQL_TYPE('t'),
    FUNCTION('f'),
    BAREWORD('n'),
    NUMBER('1'),
    VARIABLE('v'),
    STRING('s'),
    OPERATOR('o'),
    /** AND, OR, XOR, {@code &&}, {@code ||}. */
    LOGIC_OPERATOR('&'),
    COMMENT('c'),
    COLLATE('A'),
    LEFT_PAREN('('),
    RIGHT_PAREN(')'),
    LEFT_BRACE('{'),
    RIGHT_BRACE('}'),
    DOT('.'),
    COMMA(','),
    COLON(':'),
    SEMICOLON(';'),
    /** A Transact-SQL statement or block: DECLARE, EXEC, BEGIN, IF after a semicolon. */
    TSQL('T'),
    /** {@code ?} and {@code ]}. */
    UNKNOWN('?'),
    /** What no database reads one way: a MySQL executable comment, a comment opened in a comment. */
    EVIL('X'),
    BACKSLASH('\\');

    final char letter;

    SqlTokenType(char letter) {
        this.letter = letter;
    }
}
