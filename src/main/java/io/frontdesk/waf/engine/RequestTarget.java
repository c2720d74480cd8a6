package io.frontdesk.waf.engine;

/**
 * A request-target split as ModSecurity sees it: without scheme and authority when the client sent
 * the absolute form ({@code uri}), its path percent-decoded ({@code filename}, where {@code +}
 * stays), the last segment of that ({@code basename}, empty when the path ends in {@code /}), and
 * the raw query ({@code null} without {@code ?}).
 */
record RequestTarget(String uri, String filename, String basename, String query) {

    static RequestTarget parse(String raw) {
        String uri = withoutAuthority(raw);
        int question = uri.indexOf('?');
        String path = question < 0 ? uri : uri.substring(0, question);
        String query = question < 0 ? null : uri.substring(question + 1);
        String filename = percentDecode(path);
        return new RequestTarget(uri, filename, filename.substring(filename.lastIndexOf('/') + 1), query);
    }

    private static String withoutAuthority(String raw) {
        int scheme = raw.indexOf("://");
        if (scheme <= 0 || raw.startsWith("/")) {
            return raw;
        }
        int path = raw.indexOf('/', scheme + 3);
        int query = raw.indexOf('?', scheme + 3);
        int end = path < 0 ? query : query < 0 ? path : Math.min(path, query);
        if (end < 0) {
            return "/";
        }
        return raw.charAt(end) == '?' ? "/" + raw.substring(end) : raw.substring(end);
    }

    private static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int low = high >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
            if (c == '%' && high >= 0 && low >= 0) {
                out.append((char) (high * 16 + low));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
