package io.frontdesk.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpStatus;

/**
 * What RFC 9112 makes of an HTTP/1 request head where the decoder lets through what a server must
 * not guess at: the version and the form of the request-target (sections 2.3 and 3.2), the Host
 * field (3.2.2), the Transfer-Encoding field (6.1) and a single Content-Type, which a WAF and a
 * backend must read alike. The decoder itself refuses the other ambiguous framings:
 * Transfer-Encoding with Content-Length, differing or repeated Content-Length, Transfer-Encoding
 * in HTTP/1.0, bad chunk sizes, bare CR and NUL.
 */
public final class RequestFraming {

    /** A head the gateway refuses, with its status and the reason its counter and docs name. */
    public enum Violation {
        OBSOLETE_VERSION(HttpStatus.BAD_REQUEST, "obsolete_version",
                "The request line names an HTTP version before 1.0, which has no version in its request line."),
        UNSUPPORTED_VERSION(HttpStatus.HTTP_VERSION_NOT_SUPPORTED, "unsupported_version",
                "The request line names an HTTP major version this connection does not speak."),
        TARGET_FORM(HttpStatus.BAD_REQUEST, "target_form",
                "The request-target is neither a path, a query, an absolute URI, nor * for OPTIONS."),
        TARGET_FRAGMENT(HttpStatus.BAD_REQUEST, "target_fragment",
                "The request-target holds a fragment (#), which a client never sends."),
        MISSING_HOST(HttpStatus.BAD_REQUEST, "missing_host", "An HTTP/1.1 request must have a Host header field."),
        DUPLICATE_HOST(HttpStatus.BAD_REQUEST, "duplicate_host", "The request has more than one Host header field."),
        HOST_LIST(HttpStatus.BAD_REQUEST, "host_list", "The Host header field holds more than one host."),
        HOST_SYNTAX(HttpStatus.BAD_REQUEST, "host_syntax",
                "The Host header field is not a host name or IP literal with an optional port."),
        DUPLICATE_CONTENT_TYPE(HttpStatus.BAD_REQUEST, "duplicate_content_type",
                "The request has more than one Content-Type header field."),
        CHUNKED_NOT_FINAL(HttpStatus.BAD_REQUEST, "chunked_not_final",
                "Transfer-Encoding names chunked, but not as its final coding."),
        CHUNKED_REPEATED(HttpStatus.BAD_REQUEST, "chunked_repeated", "Transfer-Encoding names chunked more than once."),
        UNSUPPORTED_CODING(HttpStatus.NOT_IMPLEMENTED, "unsupported_coding",
                "Transfer-Encoding names a coding other than chunked, which this server does not implement.");

        private final HttpStatus status;
        private final String reason;
        private final String detail;

        Violation(HttpStatus status, String reason, String detail) {
            this.status = status;
            this.reason = reason;
            this.detail = detail;
        }

        public HttpStatus status() {
            return status;
        }

        public String reason() {
            return reason;
        }

        public String detail() {
            return detail;
        }
    }

    /**
     * The parts of an HTTP/1 request head this check reads: the version, the method and the
     * request-target as sent, and the Host, Transfer-Encoding and Content-Type field lines (each
     * as sent, possibly comma-separated).
     */
    public record Head(int majorVersion, int minorVersion, String method, String target, List<String> hosts,
            List<String> transferEncodings, List<String> contentTypes) {
    }

    private static final String CHUNKED = "chunked";

    private RequestFraming() {
    }

    /** The head's violation, or {@code null} when it can be read only one way. HTTP/1.0 may leave Host out. */
    public static Violation check(Head head) {
        if (head.majorVersion() < 1) {
            return Violation.OBSOLETE_VERSION;
        }
        if (head.majorVersion() > 1) {
            return Violation.UNSUPPORTED_VERSION;
        }
        Violation target = target(head.method(), head.target());
        if (target != null) {
            return target;
        }
        Violation host = host(head.minorVersion() > 0, head.hosts());
        if (host != null) {
            return host;
        }
        if (head.contentTypes().size() > 1) {
            return Violation.DUPLICATE_CONTENT_TYPE;
        }
        return head.transferEncodings().isEmpty() ? null : codings(head.transferEncodings());
    }

    /**
     * CONNECT's authority-form is left to the method's own refusal. A bare query ({@code ?a=b}) is
     * read as the query of {@code /}, as Apache httpd reads it: its path can be read only one way.
     */
    private static Violation target(String method, String target) {
        if (target.indexOf('#') >= 0) {
            return Violation.TARGET_FRAGMENT;
        }
        boolean wellFormed = target.startsWith("/") || target.startsWith("?")
                || (target.equals("*") && method.equals("OPTIONS"))
                || method.equals("CONNECT") || isAbsoluteForm(target);
        return wellFormed ? null : Violation.TARGET_FORM;
    }

    private static boolean isAbsoluteForm(String target) {
        int colon = target.indexOf(':');
        if (colon <= 0 || !isAsciiLetter(target.charAt(0))) {
            return false;
        }
        for (int i = 1; i < colon; i++) {
            char c = target.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static Violation host(boolean http11, List<String> hosts) {
        if (http11 && hosts.isEmpty()) {
            return Violation.MISSING_HOST;
        }
        if (hosts.size() > 1) {
            return Violation.DUPLICATE_HOST;
        }
        if (hosts.isEmpty()) {
            return null;
        }
        String host = hosts.get(0);
        if (host.indexOf(',') >= 0) {
            return Violation.HOST_LIST;
        }
        return HostSyntax.isValid(host) ? null : Violation.HOST_SYNTAX;
    }

    /** Chunked must be the final coding, once; the gateway implements no other coding (501). */
    private static Violation codings(List<String> fieldLines) {
        List<String> codings = new ArrayList<>();
        for (String line : fieldLines) {
            for (String element : line.split(",")) {
                String coding = element.strip();
                if (!coding.isEmpty()) {
                    codings.add(coding.toLowerCase(Locale.ROOT));
                }
            }
        }
        long chunked = codings.stream().filter(CHUNKED::equals).count();
        if (chunked == 0) {
            return Violation.UNSUPPORTED_CODING;
        }
        if (!codings.get(codings.size() - 1).equals(CHUNKED)) {
            return Violation.CHUNKED_NOT_FINAL;
        }
        if (chunked > 1) {
            return Violation.CHUNKED_REPEATED;
        }
        return codings.size() > 1 ? Violation.UNSUPPORTED_CODING : null;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
