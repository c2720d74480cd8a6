package io.frontdesk.balancer;

/** The ways a backend's response can break HTTP/1.1 framing, as counted and logged. */
enum FramingViolation {

    /** Bytes after a response's end, or bytes while no request was outstanding. */
    EXCESS_BYTES("excess-bytes", "sent bytes after the end of its response"),
    /** An invalid status line or header section, such as duplicate or conflicting Content-Length fields. */
    MALFORMED_HEAD("malformed-head", "sent an invalid response head"),
    /** Invalid chunked framing of a body. */
    MALFORMED_CHUNK("malformed-chunk", "sent invalid chunked framing"),
    /** The connection ended before the response did. */
    TRUNCATED("truncated", "closed the connection before the end of its response");

    private final String label;
    private final String description;

    FramingViolation(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** The metric's {@code reason}. */
    String label() {
        return label;
    }

    /** What the backend did, for the log line. */
    String description() {
        return description;
    }
}
