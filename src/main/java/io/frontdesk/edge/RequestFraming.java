package io.frontdesk.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpStatus;

/**
 * What RFC 9112 makes of an HTTP/1.1 request head's Host and Transfer-Encoding fields, where the
 * decoder lets through what a server must not guess at (sections 3.2 and 6.1). The decoder itself
 * refuses the other ambiguous framings: Transfer-Encoding with Content-Length, differing or
 * repeated Content-Length, Transfer-Encoding in HTTP/1.0, bad chunk sizes, bare CR and NUL.
 */
public final class RequestFraming {

    /** A head the gateway refuses, with its status and the reason its counter and docs name. */
    public enum Violation {
        MISSING_HOST(HttpStatus.BAD_REQUEST, "missing_host", "An HTTP/1.1 request must have a Host header field."),
        DUPLICATE_HOST(HttpStatus.BAD_REQUEST, "duplicate_host", "The request has more than one Host header field."),
        HOST_LIST(HttpStatus.BAD_REQUEST, "host_list", "The Host header field holds more than one host."),
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

    private static final String CHUNKED = "chunked";

    private RequestFraming() {
    }

    /**
     * The violation of a head with these Host and Transfer-Encoding field lines (each as sent,
     * possibly comma-separated), or {@code null} when its framing is unambiguous. HTTP/1.0 may
     * leave Host out.
     */
    public static Violation check(boolean http11, List<String> hosts, List<String> transferEncodings) {
        if (http11 && hosts.isEmpty()) {
            return Violation.MISSING_HOST;
        }
        if (hosts.size() > 1) {
            return Violation.DUPLICATE_HOST;
        }
        if (!hosts.isEmpty() && hosts.get(0).indexOf(',') >= 0) {
            return Violation.HOST_LIST;
        }
        return transferEncodings.isEmpty() ? null : codings(transferEncodings);
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
}
