package io.frontdesk.waf.detect;

/**
 * Reads a byte string as an HTML5 parser would, from one of the places an input may land: in text,
 * among a tag's attributes, or inside an attribute value, unquoted or quoted. It keeps only what XSS needs: tags, their
 * attributes with values, comments, doctypes and {@code <?...>}; text between tags is skipped. Each
 * call takes time proportional to what it reads.
 */
final class HtmlTokenizer {

    /** Where the input is taken to begin. */
    enum Start {
        TEXT,
        ATTRIBUTES,
        UNQUOTED_VALUE,
        SINGLE_QUOTED_VALUE,
        DOUBLE_QUOTED_VALUE
    }

    private enum State {
        TEXT,
        /** Inside a tag, between attributes. */
        TAG,
        /** Inside the value the input started in. */
        STARTING_VALUE
    }

    private final String input;
    private final Start start;
    private State state;
    private int pos;
    private boolean inTag;

    HtmlTokenizer(String input, Start start) {
        this.input = input;
        this.start = start;
        this.state = switch (start) {
            case TEXT -> State.TEXT;
            case ATTRIBUTES -> State.TAG;
            default -> State.STARTING_VALUE;
        };
    }

    /** The next token, or {@code null} at the end. */
    HtmlToken next() {
        while (pos < input.length()) {
            HtmlToken token = switch (state) {
                case TEXT -> markup();
                case TAG -> attribute();
                case STARTING_VALUE -> startingValue();
            };
            if (token != null) {
                return token;
            }
        }
        return null;
    }

    /** HTML's whitespace: tab, line feed, form feed, carriage return, space. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private char at(int index) {
        return index < input.length() ? input.charAt(index) : 0;
    }

    private HtmlToken startingValue() {
        String value = switch (start) {
            case SINGLE_QUOTED_VALUE -> quoted('\'', 0);
            case DOUBLE_QUOTED_VALUE -> quoted('"', 0);
            default -> unquoted();
        };
        state = State.TAG;
        return new HtmlToken(HtmlToken.Type.ATTRIBUTE, null, value, false);
    }

    /** The next markup in text: a tag, comment, doctype or {@code <?}; a {@code <} before anything else is text. */
    private HtmlToken markup() {
        int open = input.indexOf('<', pos);
        if (open < 0) {
            pos = input.length();
            return null;
        }
        char c = at(open + 1);
        if (isLetter(c)) {
            pos = open + 1;
            state = State.TAG;
            inTag = true;
            return new HtmlToken(HtmlToken.Type.START_TAG, tagName(), null, true);
        }
        if (c == '/' && isLetter(at(open + 2))) {
            pos = open + 2;
            state = State.TAG;
            inTag = true;
            return new HtmlToken(HtmlToken.Type.END_TAG, tagName(), null, true);
        }
        if (c == '/' && at(open + 2) != '>' && open + 2 < input.length()) {
            return bogusComment(open + 2, HtmlToken.Type.COMMENT);
        }
        if (c == '!') {
            if (input.startsWith("--", open + 2)) {
                return comment(open + 4);
            }
            if (input.regionMatches(true, open + 2, "doctype", 0, 7)) {
                return bogusComment(open + 2, HtmlToken.Type.DOCTYPE);
            }
            return bogusComment(open + 2, HtmlToken.Type.COMMENT);
        }
        if (c == '?') {
            return bogusComment(open + 2, HtmlToken.Type.PROCESSING_INSTRUCTION);
        }
        pos = open + 1;
        return null;
    }

    private String tagName() {
        int from = pos;
        while (pos < input.length() && !isSpace(input.charAt(pos)) && input.charAt(pos) != '/'
                && input.charAt(pos) != '>') {
            pos++;
        }
        return input.substring(from, pos);
    }

    /**
     * {@code <!-- ... -->}, also ended by {@code --!>}; {@code <!-->} and {@code <!--->} end at once,
     * as in browsers.
     */
    private HtmlToken comment(int from) {
        int end;
        int close;
        if (at(from) == '>' || at(from) == '-' && at(from + 1) == '>') {
            end = from;
            close = input.indexOf('>', from);
        } else {
            end = commentEnd(from);
            close = end < 0 ? -1 : input.indexOf('>', end);
        }
        String text = input.substring(from, end < 0 ? input.length() : end);
        pos = close < 0 ? input.length() : close + 1;
        return new HtmlToken(HtmlToken.Type.COMMENT, null, text, false);
    }

    /** Where the first {@code -->} or {@code --!>} from {@code from} starts, or -1; one pass. */
    private int commentEnd(int from) {
        for (int dashes = input.indexOf("--", from); dashes >= 0; dashes = input.indexOf("--", dashes + 1)) {
            char next = at(dashes + 2);
            if (next == '>' || next == '!' && at(dashes + 3) == '>') {
                return dashes;
            }
        }
        return -1;
    }

    private HtmlToken bogusComment(int from, HtmlToken.Type type) {
        int close = input.indexOf('>', from);
        pos = close < 0 ? input.length() : close + 1;
        return new HtmlToken(type, null, input.substring(from, close < 0 ? input.length() : close), false);
    }

    /** The next attribute of the tag, or, at its {@code >}, a return to text. */
    private HtmlToken attribute() {
        while (pos < input.length() && (isSpace(input.charAt(pos)) || input.charAt(pos) == '/')) {
            pos++;
        }
        if (pos >= input.length()) {
            return null;
        }
        if (input.charAt(pos) == '>') {
            pos++;
            state = State.TEXT;
            inTag = false;
            return null;
        }
        int from = pos++;
        while (pos < input.length() && !isSpace(input.charAt(pos)) && "/>=".indexOf(input.charAt(pos)) < 0) {
            pos++;
        }
        String name = input.substring(from, pos);
        int after = pos;
        while (after < input.length() && isSpace(input.charAt(after))) {
            after++;
        }
        if (at(after) != '=') {
            return new HtmlToken(HtmlToken.Type.ATTRIBUTE, name, null, inTag);
        }
        pos = after + 1;
        while (pos < input.length() && isSpace(input.charAt(pos))) {
            pos++;
        }
        char c = at(pos);
        String value;
        if (pos >= input.length() || c == '>') {
            value = null;
        } else if (c == '"' || c == '\'') {
            value = quoted(c, pos + 1);
        } else {
            value = unquoted();
        }
        return new HtmlToken(HtmlToken.Type.ATTRIBUTE, name, value, inTag);
    }

    private String quoted(char quote, int from) {
        int close = input.indexOf(quote, from);
        int end = close < 0 ? input.length() : close;
        pos = close < 0 ? input.length() : close + 1;
        return input.substring(from, end);
    }

    private String unquoted() {
        int from = pos;
        while (pos < input.length() && !isSpace(input.charAt(pos)) && input.charAt(pos) != '>') {
            pos++;
        }
        return input.substring(from, pos);
    }
}
