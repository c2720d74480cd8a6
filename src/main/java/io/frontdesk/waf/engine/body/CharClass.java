package io.frontdesk.waf.engine.body;

/** C's character classes in the "C" locale, for bytes (chars 0-255): what ModSecurity's parsers test. */
final class CharClass {

    private CharClass() {
    }

    /** isspace(): space, tab, line feed, vertical tab, form feed, carriage return. */
    static boolean isSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    static boolean isAlnum(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    static boolean isHexDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
