package io.frontdesk.cache;

/** The Cache-Status response header field (RFC 9211) this cache adds, under the name Frontdesk. */
final class CacheStatus {

    static final String HEADER = "Cache-Status";

    private final StringBuilder value = new StringBuilder("Frontdesk");

    private CacheStatus() {
    }

    static CacheStatus hit() {
        return new CacheStatus().parameter("hit");
    }

    /** Forwarded to the backend: miss, uri-miss, vary-miss, stale, request. */
    static CacheStatus forward(String reason) {
        return new CacheStatus().parameter("fwd=" + reason);
    }

    CacheStatus forwardStatus(int status) {
        return parameter("fwd-status=" + status);
    }

    CacheStatus ttl(long millis) {
        return parameter("ttl=" + Math.round(millis / 1000.0));
    }

    CacheStatus stored() {
        return parameter("stored");
    }

    CacheStatus collapsed() {
        return parameter("collapsed");
    }

    CacheStatus detail(String detail) {
        return parameter("detail=" + detail);
    }

    private CacheStatus parameter(String parameter) {
        value.append("; ").append(parameter);
        return this;
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
