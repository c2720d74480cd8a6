package io.frontdesk.cache;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Dictionary Structured Field (RFC 8941 sections 3.2 and 4.2.2) read as cache directives, the
 * way RFC 9213 section 2.2 maps them: a member without a value (Boolean true) is a directive
 * without argument, a String gives its content, an Integer, Decimal or Token its text; a member
 * set to false ({@code ?0}) is absent. Parameters are read and dropped. A later member of the same
 * name replaces an earlier one. The whole field is invalid (and {@code null}) when any of it is.
 */
final class StructuredDictionary {

    private final String input;
    private int at;

    private StructuredDictionary(String input) {
        this.input = input;
    }

    /** The directives, or {@code null} when the value is not a valid dictionary. */
    static Map<String, String> parse(String value) {
        StructuredDictionary parser = new StructuredDictionary(value);
        try {
            return parser.dictionary();
        } catch (Invalid e) {
            return null;
        }
    }

    private Map<String, String> dictionary() {
        Map<String, String> members = new LinkedHashMap<>();
        skipSpaces();
        while (at < input.length()) {
            String key = key();
            String value = "";
            if (peek() == '=') {
                at++;
                value = peek() == '(' ? innerList() : bareItem();
            }
            parameters();
            members.remove(key);
            if (value != null) {
                members.put(key, value);
            }
            skipWhitespace();
            if (at == input.length()) {
                return members;
            }
            expect(',');
            skipWhitespace();
            if (at == input.length()) {
                throw invalid();
            }
        }
        return members;
    }

    /** An inner list counts as present without an argument: no directive takes one. */
    private String innerList() {
        expect('(');
        while (true) {
            skipSpaces();
            if (peek() == ')') {
                at++;
                parameters();
                return "";
            }
            bareItem();
            parameters();
            if (peek() != ' ' && peek() != ')') {
                throw invalid();
            }
        }
    }

    private void parameters() {
        while (peek() == ';') {
            at++;
            skipSpaces();
            key();
            if (peek() == '=') {
                at++;
                bareItem();
            }
        }
    }

    private String key() {
        char first = peek();
        if (!(first >= 'a' && first <= 'z') && first != '*') {
            throw invalid();
        }
        int start = at++;
        while (at < input.length()) {
            char c = input.charAt(at);
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' || c == '*') {
                at++;
            } else {
                break;
            }
        }
        return input.substring(start, at);
    }

    /** The item as directive text; {@code null} for Boolean false. */
    private String bareItem() {
        char c = peek();
        if (c == '-' || c >= '0' && c <= '9') {
            return number();
        }
        if (c == '"') {
            return string();
        }
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '*') {
            return token();
        }
        if (c == ':') {
            return byteSequence();
        }
        if (c == '?') {
            at++;
            char bit = peek();
            if (bit != '0' && bit != '1') {
                throw invalid();
            }
            at++;
            return bit == '1' ? "" : null;
        }
        throw invalid();
    }

    private String number() {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        int digitsStart = at;
        int dot = -1;
        while (at < input.length()) {
            char c = input.charAt(at);
            if (c >= '0' && c <= '9') {
                at++;
            } else if (c == '.' && dot < 0) {
                dot = at++;
            } else {
                break;
            }
        }
        if (dot < 0) {
            int digits = at - digitsStart;
            if (digits < 1 || digits > 15) {
                throw invalid();
            }
        } else {
            int integral = dot - digitsStart;
            int fraction = at - dot - 1;
            if (integral < 1 || integral > 12 || fraction < 1 || fraction > 3) {
                throw invalid();
            }
        }
        return input.substring(start, at);
    }

    private String string() {
        expect('"');
        StringBuilder text = new StringBuilder();
        while (at < input.length()) {
            char c = input.charAt(at++);
            if (c == '"') {
                return text.toString();
            }
            if (c == '\\') {
                char escaped = peek();
                if (escaped != '"' && escaped != '\\') {
                    throw invalid();
                }
                text.append(escaped);
                at++;
            } else if (c < 0x20 || c > 0x7e) {
                throw invalid();
            } else {
                text.append(c);
            }
        }
        throw invalid();
    }

    private String token() {
        int start = at++;
        while (at < input.length() && tokenCharacter(input.charAt(at))) {
            at++;
        }
        return input.substring(start, at);
    }

    private static boolean tokenCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ':' || c == '/'
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private String byteSequence() {
        int start = at++;
        while (at < input.length() && input.charAt(at) != ':') {
            char c = input.charAt(at++);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                    || c == '=')) {
                throw invalid();
            }
        }
        expect(':');
        return input.substring(start, at);
    }

    private char peek() {
        return at < input.length() ? input.charAt(at) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw invalid();
        }
        at++;
    }

    private void skipSpaces() {
        while (peek() == ' ') {
            at++;
        }
    }

    private void skipWhitespace() {
        while (peek() == ' ' || peek() == '\t') {
            at++;
        }
    }

    private static Invalid invalid() {
        return Invalid.INSTANCE;
    }

    /** Ends parsing at the first error; one instance without a stack trace, as a bad field is not exceptional. */
    private static final class Invalid extends RuntimeException {

        private static final Invalid INSTANCE = new Invalid();

        private Invalid() {
            super("not a structured dictionary", null, false, false);
        }
    }
}
