package io.frontdesk.tls;

/** Builds the HTTPS location of a plain HTTP request, from a Host header that is checked first. */
final class RedirectTarget {

    private RedirectTarget() {
    }

    /**
     * The host name of a Host header without its port, or {@code null} when the header is
     * missing or not a plausible host (so that a redirect cannot be turned into an injection).
     */
    static String host(String hostHeader) {
        if (hostHeader == null || hostHeader.isEmpty() || hostHeader.length() > 255) {
            return null;
        }
        String host = hostHeader;
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            if (end < 0) {
                return null;
            }
            String literal = host.substring(0, end + 1);
            return literal.chars().allMatch(c -> c == '[' || c == ']' || c == ':' || c == '.'
                    || Character.digit(c, 16) >= 0) ? literal : null;
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        if (host.isEmpty()) {
            return null;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
                    || c == '.' || c == '_';
            if (!allowed) {
                return null;
            }
        }
        return host;
    }

    static String location(String host, int httpsPort, String uri) {
        String path = uri.startsWith("/") ? uri : "/" + uri;
        return httpsPort == 443 ? "https://" + host + path : "https://" + host + ":" + httpsPort + path;
    }
}
