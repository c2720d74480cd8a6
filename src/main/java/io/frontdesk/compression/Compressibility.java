package io.frontdesk.compression;

import java.util.List;

import org.springframework.http.HttpHeaders;

/**
 * Whether a response is compressed, decided from the request and the response head alone (no
 * body is held for it), as nginx's gzip filter and Envoy's compressor decide.
 */
final class Compressibility {

    /**
     * The decision for one response.
     *
     * @param coding the coding to apply, or {@code null} to send the response as it came
     * @param variesOnAcceptEncoding whether another Accept-Encoding could have changed the answer,
     *        so caches (this one included) must keep them apart
     */
    record Outcome(Coding coding, boolean variesOnAcceptEncoding) {

        static final Outcome UNTOUCHED = new Outcome(null, false);
    }

    private Compressibility() {
    }

    static Outcome decide(CompressionPolicy policy, HttpHeaders request, int status, HttpHeaders response) {
        if (!compressible(policy, status, response)) {
            return Outcome.UNTOUCHED;
        }
        if (request.containsHeader(HttpHeaders.RANGE) || NoTransform.in(request.get(HttpHeaders.CACHE_CONTROL))) {
            // A range of the identity representation was asked for (if the backend sent all of it
            // instead, the client still gets it uncoded, as it may expect), or no change at all.
            return new Outcome(null, true);
        }
        return new Outcome(AcceptEncoding.choose(request.get(HttpHeaders.ACCEPT_ENCODING), policy.codings()), true);
    }

    /** A representation this route compresses for a client that accepts it. */
    private static boolean compressible(CompressionPolicy policy, int status, HttpHeaders response) {
        if (status < 200 || status == 204 || status == 206 || status == 304
                || response.containsHeader(HttpHeaders.CONTENT_RANGE)) {
            return false;
        }
        String contentEncoding = response.getFirst(HttpHeaders.CONTENT_ENCODING);
        if (contentEncoding != null && !contentEncoding.trim().equalsIgnoreCase("identity")) {
            return false;
        }
        if (NoTransform.in(response.get(HttpHeaders.CACHE_CONTROL))) {
            return false;
        }
        long length = response.getContentLength();
        return (length < 0 || length >= policy.minSize()) && policy.types().matches(response.getFirst(
                HttpHeaders.CONTENT_TYPE));
    }

    /**
     * A 304 that confirms a compressed representation: the request's If-None-Match names the
     * weakened form of the strong tag the backend sends back, so the tag in the 304 is weakened
     * too (a cache that merges it keeps the stored representation's weak tag).
     */
    static boolean confirmsCompressed(HttpHeaders request, HttpHeaders notModified) {
        String etag = notModified.getETag();
        List<String> ifNoneMatch = request.get(HttpHeaders.IF_NONE_MATCH);
        if (etag == null || !etag.startsWith("\"") || ifNoneMatch == null) {
            return false;
        }
        String weak = "W/" + etag;
        for (String value : ifNoneMatch) {
            for (String candidate : value.split(",")) {
                if (candidate.trim().equals(weak)) {
                    return true;
                }
            }
        }
        return false;
    }
}
