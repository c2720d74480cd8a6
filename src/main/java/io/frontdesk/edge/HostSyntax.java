package io.frontdesk.edge;

/**
 * The Host field's grammar (RFC 9110 section 7.2): a registered name or an IP literal in
 * brackets, then an optional port. A registered name here is letters, digits and the characters
 * RFC 3986 lets a name hold unescaped; percent-escapes are refused, as no DNS name needs them and
 * a host that decodes to another would route one way and be judged another. An empty Host is
 * what RFC 9112 asks of a client whose target has no authority.
 */
final class HostSyntax {

    private static final String NAME_PUNCTUATION = "-._~!$&'()*+;=";

    private HostSyntax() {
    }

    static boolean isValid(String host) {
        String value = host.strip();
        int portStart;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0 || !isIpLiteral(value, 1, close)) {
                return false;
            }
            portStart = close + 1;
        } else {
            int colon = value.indexOf(':');
            portStart = colon < 0 ? value.length() : colon;
            for (int i = 0; i < portStart; i++) {
                if (!isNameChar(value.charAt(i))) {
                    return false;
                }
            }
        }
        return portStart == value.length() || isPort(value, portStart);
    }

    private static boolean isIpLiteral(String value, int from, int to) {
        if (from == to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (!isDigit(c) && !(c >= 'a' && c <= 'f') && !(c >= 'A' && c <= 'F') && c != ':' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean isPort(String value, int colon) {
        if (value.charAt(colon) != ':' || value.length() - colon > 6) {
            return false;
        }
        for (int i = colon + 1; i < value.length(); i++) {
            if (!isDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameChar(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || NAME_PUNCTUATION.indexOf(c) >= 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
