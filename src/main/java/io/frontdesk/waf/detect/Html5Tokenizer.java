package io.frontdesk.waf.detect;

/**
 * Splits a byte string (one char a byte) into HTML5 tokens the way libinjection's tokenizer does,
 * quirks included, so that {@link XssDetector} decides as libinjection does: a simplified HTML5
 * tokenizer that also honours what old browsers accepted (NUL bytes inside tag names, a vertical
 * tab as a blank, backticks as quotes, {@code <%...%>} comments). One quirk is not kept: where
 * libinjection skips blanks it takes a 0xFF byte for the end of the input (a signed char compared
 * with its end marker) and stops reading; here that byte is read on like any other.
 *
 * <p>A token is a span of the input ({@link #tokenStart()}, {@link #tokenLength()}); nothing is
 * copied. Each byte is looked at a bounded number of times, so a whole read is linear in the input.
 */
final class Html5Tokenizer {

    /** Where the next call to {@link #next()} goes on. */
    private enum State {
        DATA,
        /** Just after a {@code <}. */
        TAG_OPEN,
        /** At the {@code >} that closes a tag. */
        TAG_NAME_CLOSE,
        BEFORE_ATTRIBUTE_NAME,
        AFTER_ATTRIBUTE_NAME,
        BEFORE_ATTRIBUTE_VALUE,
        /** At the start of an input that begins inside a quoted value. */
        STARTING_QUOTED_VALUE,
        AFTER_ATTRIBUTE_VALUE_QUOTED,
        /** Just after a {@code /} inside a tag. */
        SELF_CLOSING_START_TAG,
        END
    }

    private String input;
    private int length;
    private char startingQuote;
    private State state;
    private int pos;
    /** A {@code </} was read and no tag has been closed since; kept as libinjection keeps it. */
    private boolean endTag;

    private Html5TokenType tokenType;
    private int tokenStart;
    private int tokenLength;

    Html5Tokenizer(String input, Html5Start start) {
        read(input, start);
    }

    /** Reads another input, from its start, as if it landed at {@code start}. */
    void read(String newInput, Html5Start start) {
        input = newInput;
        length = newInput.length();
        restart(start);
    }

    private void restart(Html5Start start) {
        pos = 0;
        endTag = false;
        tokenType = null;
        tokenStart = 0;
        tokenLength = 0;
        this.startingQuote = switch (start) {
            case VALUE_SINGLE_QUOTE -> '\'';
            case VALUE_DOUBLE_QUOTE -> '"';
            case VALUE_BACK_QUOTE -> '`';
            default -> 0;
        };
        this.state = switch (start) {
            case DATA -> State.DATA;
            case VALUE_NO_QUOTE -> State.BEFORE_ATTRIBUTE_NAME;
            default -> State.STARTING_QUOTED_VALUE;
        };
    }

    /** Reads the next token; false at the end of the input. */
    boolean next() {
        boolean found = switch (state) {
            case DATA -> data();
            case TAG_OPEN -> tagOpen();
            case TAG_NAME_CLOSE -> tagNameClose();
            case BEFORE_ATTRIBUTE_NAME -> beforeAttributeName();
            case AFTER_ATTRIBUTE_NAME -> afterAttributeName();
            case BEFORE_ATTRIBUTE_VALUE -> beforeAttributeValue();
            case STARTING_QUOTED_VALUE -> quotedValue(startingQuote);
            case AFTER_ATTRIBUTE_VALUE_QUOTED -> afterAttributeValueQuoted();
            case SELF_CLOSING_START_TAG -> selfClosingStartTag();
            case END -> false;
        };
        if (!found) {
            state = State.END;
        }
        return found;
    }

    Html5TokenType tokenType() {
        return tokenType;
    }

    int tokenStart() {
        return tokenStart;
    }

    int tokenLength() {
        return tokenLength;
    }

    /** Blanks as old browsers had them: HTML's, the vertical tab, and NUL. */
    private static boolean isBlank(char c) {
        return c == ' ' || c >= '\t' && c <= '\r' || c == 0;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private boolean emit(Html5TokenType type, int start, int end, State then) {
        tokenType = type;
        tokenStart = start;
        tokenLength = end - start;
        state = then;
        return true;
    }

    /** The first char at or after {@link #pos} that is no blank, moving there; -1 at the end. */
    private int skipBlanks() {
        while (pos < length && isBlank(input.charAt(pos))) {
            pos++;
        }
        return pos < length ? input.charAt(pos) : -1;
    }

    private boolean data() {
        int start = pos;
        int lt = input.indexOf('<', start);
        if (lt < 0) {
            return length > start && emit(Html5TokenType.DATA_TEXT, start, length, State.END);
        }
        pos = lt + 1;
        return lt > start ? emit(Html5TokenType.DATA_TEXT, start, lt, State.TAG_OPEN) : tagOpen();
    }

    private boolean tagOpen() {
        if (pos >= length) {
            return false;
        }
        char c = input.charAt(pos);
        switch (c) {
            case '!' -> {
                pos++;
                return markupDeclarationOpen();
            }
            case '/' -> {
                pos++;
                endTag = true;
                return endTagOpen();
            }
            case '?' -> {
                pos++;
                return bogusComment();
            }
            case '%' -> {
                pos++;
                return percentComment();
            }
            default -> {
                if (isAsciiLetter(c) || c == 0) {
                    return tagName();
                }
                // a '<' that opens nothing is text
                return emit(Html5TokenType.DATA_TEXT, pos - 1, pos, State.DATA);
            }
        }
    }

    private boolean endTagOpen() {
        if (pos >= length) {
            return false;
        }
        char c = input.charAt(pos);
        if (c == '>') {
            return data();
        }
        if (isAsciiLetter(c)) {
            return tagName();
        }
        endTag = false;
        return bogusComment();
    }

    private boolean tagNameClose() {
        endTag = false;
        int at = pos++;
        return emit(Html5TokenType.TAG_NAME_CLOSE, at, at + 1, pos < length ? State.DATA : State.END);
    }

    /** A tag's name runs to a blank, {@code /} or {@code >}; NUL bytes in it are part of it. */
    private boolean tagName() {
        int start = pos;
        for (int i = start; i < length; i++) {
            char c = input.charAt(i);
            if (c == 0) {
                continue;
            }
            if (isBlank(c) || c == '/') {
                pos = i + 1;
                return emit(Html5TokenType.TAG_NAME_OPEN, start, i,
                        c == '/' ? State.SELF_CLOSING_START_TAG : State.BEFORE_ATTRIBUTE_NAME);
            }
            if (c == '>') {
                if (endTag) {
                    endTag = false;
                    pos = i + 1;
                    return emit(Html5TokenType.TAG_CLOSE, start, i, State.DATA);
                }
                pos = i;
                return emit(Html5TokenType.TAG_NAME_OPEN, start, i, State.TAG_NAME_CLOSE);
            }
        }
        return emit(Html5TokenType.TAG_NAME_OPEN, start, length, State.END);
    }

    private boolean beforeAttributeName() {
        while (true) {
            int c = skipBlanks();
            if (c < 0) {
                return false;
            }
            if (c == '/') {
                pos++;
                if (pos < length && input.charAt(pos) != '>') {
                    continue;
                }
                return selfClosingStartTag();
            }
            if (c == '>') {
                int at = pos++;
                return emit(Html5TokenType.TAG_NAME_CLOSE, at, at + 1, State.DATA);
            }
            return attributeName();
        }
    }

    /** The name's first char is taken whatever it is, even {@code =}. */
    private boolean attributeName() {
        int start = pos;
        for (int i = start + 1; i < length; i++) {
            char c = input.charAt(i);
            if (c == '>') {
                pos = i;
                return emit(Html5TokenType.ATTR_NAME, start, i, State.TAG_NAME_CLOSE);
            }
            if (isBlank(c) || c == '/' || c == '=') {
                pos = i + 1;
                return emit(Html5TokenType.ATTR_NAME, start, i, c == '/' ? State.SELF_CLOSING_START_TAG
                        : c == '=' ? State.BEFORE_ATTRIBUTE_VALUE : State.AFTER_ATTRIBUTE_NAME);
            }
        }
        pos = length;
        return emit(Html5TokenType.ATTR_NAME, start, length, State.END);
    }

    private boolean afterAttributeName() {
        int c = skipBlanks();
        switch (c) {
            case -1 -> {
                return false;
            }
            case '/' -> {
                pos++;
                return selfClosingStartTag();
            }
            case '=' -> {
                pos++;
                return beforeAttributeValue();
            }
            case '>' -> {
                return tagNameClose();
            }
            default -> {
                return attributeName();
            }
        }
    }

    private boolean beforeAttributeValue() {
        int c = skipBlanks();
        if (c < 0) {
            return false;
        }
        return c == '"' || c == '\'' || c == '`' ? quotedValue((char) c) : unquotedValue();
    }

    /**
     * A value up to its closing quote, or to the end. {@link #pos} is at the opening quote, but for
     * an input that starts inside the value, where it is 0 and there is no opening quote to skip.
     */
    private boolean quotedValue(char quote) {
        if (pos > 0) {
            pos++;
        }
        int start = pos;
        int close = input.indexOf(quote, start);
        if (close < 0) {
            return emit(Html5TokenType.ATTR_VALUE, start, length, State.END);
        }
        pos = close + 1;
        return emit(Html5TokenType.ATTR_VALUE, start, close, State.AFTER_ATTRIBUTE_VALUE_QUOTED);
    }

    private boolean unquotedValue() {
        int start = pos;
        for (int i = start; i < length; i++) {
            char c = input.charAt(i);
            if (isBlank(c)) {
                pos = i + 1;
                return emit(Html5TokenType.ATTR_VALUE, start, i, State.BEFORE_ATTRIBUTE_NAME);
            }
            if (c == '>') {
                pos = i;
                return emit(Html5TokenType.ATTR_VALUE, start, i, State.TAG_NAME_CLOSE);
            }
        }
        return emit(Html5TokenType.ATTR_VALUE, start, length, State.END);
    }

    private boolean afterAttributeValueQuoted() {
        if (pos >= length) {
            return false;
        }
        char c = input.charAt(pos);
        if (c == '>') {
            int at = pos++;
            return emit(Html5TokenType.TAG_NAME_CLOSE, at, at + 1, State.DATA);
        }
        if (c == '/') {
            pos++;
            return selfClosingStartTag();
        }
        if (isBlank(c)) {
            pos++;
        }
        return beforeAttributeName();
    }

    private boolean selfClosingStartTag() {
        if (pos >= length) {
            return false;
        }
        if (input.charAt(pos) == '>') {
            int slash = pos - 1;
            pos++;
            return emit(Html5TokenType.TAG_NAME_SELFCLOSE, slash, pos, State.DATA);
        }
        return beforeAttributeName();
    }

    /** After {@code <!}: a doctype, a CDATA section, a comment, or else a bogus comment. */
    private boolean markupDeclarationOpen() {
        if (Ascii.startsWithIgnoringCase(input, pos, length, "DOCTYPE")) {
            return doctype();
        }
        if (input.startsWith("[CDATA[", pos)) {
            pos += 7;
            return cdata();
        }
        if (input.startsWith("--", pos)) {
            pos += 2;
            return comment();
        }
        return bogusComment();
    }

    /** Text up to the next {@code >}. */
    private boolean bogusComment() {
        return commentClosedBy(">");
    }

    /** {@code <%...%>}, a comment to Internet Explorer up to 9 and old Safari. */
    private boolean percentComment() {
        return commentClosedBy("%>");
    }

    /** A comment running to {@code delimiter}, or to the end of the input when there is none. */
    private boolean commentClosedBy(String delimiter) {
        int start = pos;
        int close = input.indexOf(delimiter, start);
        if (close < 0) {
            pos = length;
            return emit(Html5TokenType.TAG_COMMENT, start, length, State.END);
        }
        pos = close + delimiter.length();
        return emit(Html5TokenType.TAG_COMMENT, start, close, State.DATA);
    }

    /**
     * {@code <!--}'s text, which ends at a {@code -} followed by {@code ->} or {@code !>}, NUL bytes
     * allowed between the two first; unended, it runs to the end of the input.
     */
    private boolean comment() {
        int start = pos;
        int from = start;
        while (true) {
            int dash = input.indexOf('-', from);
            if (dash < 0 || dash > length - 3) {
                return emit(Html5TokenType.TAG_COMMENT, start, length, State.END);
            }
            int i = dash + 1;
            while (i < length && input.charAt(i) == 0) {
                i++;
            }
            if (i + 1 >= length) {
                return emit(Html5TokenType.TAG_COMMENT, start, length, State.END);
            }
            char second = input.charAt(i);
            if ((second == '-' || second == '!') && input.charAt(i + 1) == '>') {
                pos = i + 2;
                return emit(Html5TokenType.TAG_COMMENT, start, dash, State.DATA);
            }
            from = dash + 1;
        }
    }

    /** A {@code <![CDATA[} section's content, which is text, up to {@code ]]>}. */
    private boolean cdata() {
        int start = pos;
        int from = start;
        while (true) {
            int bracket = input.indexOf(']', from);
            if (bracket < 0 || bracket > length - 3) {
                return emit(Html5TokenType.DATA_TEXT, start, length, State.END);
            }
            if (input.charAt(bracket + 1) == ']' && input.charAt(bracket + 2) == '>') {
                pos = bracket + 3;
                return emit(Html5TokenType.DATA_TEXT, start, bracket, State.DATA);
            }
            from = bracket + 1;
        }
    }

    /** The doctype's text, from the word doctype up to the next {@code >}. */
    private boolean doctype() {
        int start = pos;
        int gt = input.indexOf('>', start);
        if (gt < 0) {
            return emit(Html5TokenType.DOCTYPE, start, length, State.END);
        }
        pos = gt + 1;
        return emit(Html5TokenType.DOCTYPE, start, gt, State.DATA);
    }
}
