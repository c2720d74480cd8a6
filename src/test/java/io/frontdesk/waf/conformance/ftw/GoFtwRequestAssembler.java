package io.frontdesk.waf.conformance.ftw;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What go-ftw does to a stage's request before writing it: with header completion on, it adds a
 * form Content-Type to a body that has none, form-encodes a body that looks unencoded, and adds
 * {@code Connection: close} and Content-Length; in any case it turns LF into CRLF in a multipart
 * body. All values are byte strings. See docs/crs-regression-format.md.
 */
final class GoFtwRequestAssembler {

    private static final String FORM = "application/x-www-form-urlencoded";
    /**
     * go-ftw's own expression, alternation precedence included: the method starts with POST, holds
     * PUT or PATCH, or ends with DELETE.
     */
    private static final Pattern METHOD_WITH_BODY = Pattern.compile("^POST|PUT|PATCH|DELETE$");

    private GoFtwRequestAssembler() {
    }

    static StageInput.Composed assemble(String method, String uri, String version, List<Header> headers, String data,
            boolean autocomplete) {
        List<Header> sent = new ArrayList<>(headers);
        String body = data;
        if (!body.isEmpty() && autocomplete) {
            if (!hasHeader(sent, "Content-Type")) {
                sent.add(new Header("Content-Type", FORM));
            }
            if (anyValue(sent, "Content-Type", value -> value.equalsIgnoreCase(FORM)) && looksUnencoded(body)) {
                body = formEncode(body);
            }
        }
        if (anyValue(sent, "Content-Type", value -> value.toLowerCase(Locale.ROOT).contains("multipart/form-data;"))) {
            body = body.replace("\n", "\r\n");
        }
        if (autocomplete) {
            if (!hasHeader(sent, "Connection")) {
                sent.add(new Header("Connection", "close"));
            }
            if (!hasHeader(sent, "Content-Length") && (!body.isEmpty() || METHOD_WITH_BODY.matcher(method).find())) {
                sent.add(new Header("Content-Length", Integer.toString(body.length())));
            }
        }
        return new StageInput.Composed(method, uri, version, sent, body);
    }

    /** go-ftw's test: Go's QueryUnescape leaves the body as it is, so it has neither % nor +. */
    private static boolean looksUnencoded(String body) {
        return body.indexOf('%') < 0 && body.indexOf('+') < 0;
    }

    /** Escapes each {@code name=value} piece's name and value; a piece without = whole; drops a final &. */
    private static String formEncode(String body) {
        StringBuilder out = new StringBuilder(body.length() + 16);
        String remaining = body;
        while (!remaining.isEmpty()) {
            int ampersand = remaining.indexOf('&');
            String piece = ampersand < 0 ? remaining : remaining.substring(0, ampersand);
            remaining = ampersand < 0 ? "" : remaining.substring(ampersand + 1);
            int equals = piece.indexOf('=');
            if (equals < 0) {
                out.append(FormEscaping.escape(piece));
            } else {
                out.append(FormEscaping.escape(piece.substring(0, equals))).append('=')
                        .append(FormEscaping.escape(piece.substring(equals + 1)));
            }
            out.append('&');
        }
        return out.substring(0, out.length() - 1);
    }

    private static boolean hasHeader(List<Header> headers, String name) {
        return anyValue(headers, name, value -> true);
    }

    private static boolean anyValue(List<Header> headers, String name, Predicate<String> test) {
        String wanted = canonical(name);
        return headers.stream()
                .anyMatch(header -> canonical(header.name()).equals(wanted) && test.test(header.value()));
    }

    /**
     * Go's canonical header name: a name made only of token characters gets an upper-case letter
     * at its start and after each '-', lower case elsewhere; any other name stays as written.
     */
    static String canonical(String name) {
        if (!HttpTokens.isToken(name)) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (upper && c >= 'a' && c <= 'z') {
                c = (char) (c - 32);
            } else if (!upper && c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            out.append(c);
            upper = c == '-';
        }
        return out.toString();
    }
}
