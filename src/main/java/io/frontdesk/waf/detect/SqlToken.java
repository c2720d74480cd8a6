package io.frontdesk.waf.detect;

/**
 * One SQL token. {@code text} is what the rules need to read: a word in lower case (empty when too
 * long to be any keyword), an operator as written, a comment's marker and body, a string's opening
 * quote and its content, the content left out when blank; all cut short. {@code word} marks tokens
 * read from a word, which may merge with the next word ({@code UNION ALL}). For strings,
 * {@code fromContext} marks the one opened before the input began (the input read as if inside
 * quotes), and {@code unterminated} one the input leaves open.
 */
record SqlToken(SqlTokenType type, String text, boolean word, boolean fromContext, boolean unterminated) {

    static SqlToken of(SqlTokenType type, String text) {
        return new SqlToken(type, text, false, false, false);
    }

    static SqlToken word(SqlTokenType type, String text) {
        return new SqlToken(type, text, true, false, false);
    }

    static SqlToken string(String text, boolean fromContext, boolean unterminated) {
        return new SqlToken(SqlTokenType.STRING, text, false, fromContext, unterminated);
    }

    SqlToken as(SqlTokenType newType) {
        return new SqlToken(newType, text, word, fromContext, unterminated);
    }

    boolean is(SqlTokenType expected) {
        return type == expected;
    }

    /** A string opened with {@code quote} and left open: the query's own closing quote will end it. */
    boolean isOpenString(char quote) {
        return type == SqlTokenType.STRING && unterminated && text.charAt(0) == quote;
    }

    /** A string holding nothing but blanks. */
    boolean isBlankString() {
        return type == SqlTokenType.STRING && text.length() == 1;
    }

    /** A string holding a whole number, as {@code '1'} and {@code '-1'} do. */
    boolean isNumericString() {
        int from = text.length() > 1 && (text.charAt(1) == '-' || text.charAt(1) == '+') ? 2 : 1;
        if (type != SqlTokenType.STRING || text.length() == from) {
            return false;
        }
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A string holding one token's worth of text, no blanks: {@code 'x}, not {@code ', line 1}. */
    boolean isOneWordString() {
        if (type != SqlTokenType.STRING || text.length() == 1) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            if (SqlTokenizer.isBlank(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A comment that holds nothing: it is there only to cut off what follows. */
    boolean isEmptyComment() {
        return type == SqlTokenType.COMMENT && text.substring(text.startsWith("#") ? 1 : 2).isBlank();
    }

    /**
     * A comment that every dialect reads as one and that is there to cut off the rest: {@code --}
     * followed by a blank, the end, or the {@code +} a form leaves for a blank ({@code --INFANT} is a
     * comment only to some); an empty {@code /*} ({@code /path/*"} is a glob).
     */
    boolean isPlainComment() {
        if (type != SqlTokenType.COMMENT || text.startsWith("#")) {
            return false;
        }
        if (text.startsWith("/*")) {
            return text.length() == 2;
        }
        return text.length() == 2 || SqlTokenizer.isBlank(text.charAt(2)) || text.charAt(2) == '+';
    }

    /** {@code + - ! ~ NOT BINARY}: operators that may stand before a value with nothing on their left. */
    boolean isUnary() {
        return type == SqlTokenType.OPERATOR && (text.equals("+") || text.equals("-") || text.equals("!")
                || text.equals("~") || text.equals("not") || text.equals("binary"));
    }
}
