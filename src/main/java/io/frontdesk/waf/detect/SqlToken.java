package io.frontdesk.waf.detect;

/**
 * One SQL token. {@code text} is what the rules need to read: a word in lower case (empty when too
 * long to be any keyword), an operator as written, a comment's marker and body without its outer
 * blanks (cut short); strings keep no text. {@code word} marks tokens read from a word, which may merge with the
 * next word ({@code UNION ALL}). For strings, {@code fromContext} marks the one opened before the
 * input began (the input read as if inside quotes), and {@code unterminated} one the input leaves open.
 */
record SqlToken(SqlTokenType type, String text, boolean word, boolean fromContext, boolean unterminated) {

    static SqlToken of(SqlTokenType type, String text) {
        return new SqlToken(type, text, false, false, false);
    }

    static SqlToken word(SqlTokenType type, String text) {
        return new SqlToken(type, text, true, false, false);
    }

    static SqlToken string(boolean fromContext, boolean unterminated) {
        return new SqlToken(SqlTokenType.STRING, "", false, fromContext, unterminated);
    }

    SqlToken as(SqlTokenType newType) {
        return new SqlToken(newType, text, word, fromContext, unterminated);
    }

    boolean is(SqlTokenType expected) {
        return type == expected;
    }

    /** A comment that holds nothing: it is there only to cut off what follows. */
    boolean isEmptyComment() {
        return type == SqlTokenType.COMMENT && (text.equals("--") || text.equals("#") || text.equals("/*"));
    }

    /** {@code + - ! ~ NOT}: operators that may stand before a value with nothing on their left. */
    boolean isUnary() {
        return type == SqlTokenType.OPERATOR
                && (text.equals("+") || text.equals("-") || text.equals("!") || text.equals("~") || text.equals("not"));
    }
}
