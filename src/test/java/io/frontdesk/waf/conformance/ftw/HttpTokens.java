package io.frontdesk.waf.conformance.ftw;

/** HTTP's token characters (RFC 9110 tchar), of which header names and methods are made. */
final class HttpTokens {

    private static final String SYMBOLS = "!#$%&'*+-.^_`|~";

    private HttpTokens() {
    }

    static boolean isTokenChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || SYMBOLS.indexOf(c) >= 0;
    }

    static boolean isToken(String text) {
        return !text.isEmpty() && text.chars().allMatch(HttpTokens::isTokenChar);
    }
}
