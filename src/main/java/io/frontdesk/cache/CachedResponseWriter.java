package io.frontdesk.cache;

import java.util.List;
import java.util.Set;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;

import reactor.core.publisher.Mono;

/**
 * Answers a request from a stored response: the client's own conditions (304), HEAD (headers
 * only), a single byte range (206, or 416) of a stored full 200 response, and a range a stored
 * partial response holds.
 */
final class CachedResponseWriter {

    /** Header fields a 304 keeps (RFC 9110 section 15.4.5). */
    private static final Set<String> KEPT_BY_304 = Set.of("cache-control", "content-location", "date", "etag",
            "expires", "vary", "last-modified");

    private CachedResponseWriter() {
    }

    /**
     * Writes {@code stored} as the answer. {@code ownHeaders} are the gateway's own header fields
     * set before the backend was asked (the request id); every other header comes from the entry.
     */
    static Mono<Void> write(ServerHttpRequest request, ServerHttpResponse response, HttpHeaders ownHeaders,
            StoredResponse stored, long now, CacheStatus status) {
        HttpHeaders headers = response.getHeaders();
        headers.clear();
        headers.putAll(ownHeaders);
        headers.putAll(stored.headers());
        headers.set(HttpHeaders.AGE, Long.toString(stored.currentAge(now) / 1000));
        headers.set(CacheStatus.HEADER, status.toString());
        StoredResponse.Part part = stored.part();
        if ((stored.status() == 200 || part != null) && notModified(request.getHeaders(), stored)) {
            response.setStatusCode(HttpStatus.NOT_MODIFIED);
            List<String> dropped = headers.headerNames().stream()
                    .filter(name -> !KEPT_BY_304.contains(name.toLowerCase(java.util.Locale.ROOT))
                            && !ownHeaders.containsHeader(name) && !name.equalsIgnoreCase(HttpHeaders.AGE)
                            && !name.equalsIgnoreCase(CacheStatus.HEADER))
                    .toList();
            dropped.forEach(headers::remove);
            return response.setComplete();
        }
        long completeLength = part == null ? stored.bodyLength() : part.completeLength();
        long[] range = null;
        if (part != null || stored.status() == 200 && rangeApplies(request, stored)) {
            // A part answers only the ranges it holds: canAnswer has made sure of it.
            range = ByteRange.single(request.getHeaders().getFirst(HttpHeaders.RANGE), completeLength);
            if (range == ByteRange.UNSATISFIABLE) {
                response.setStatusCode(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE);
                headers.set(HttpHeaders.CONTENT_RANGE, "bytes */" + completeLength);
                headers.setContentLength(0);
                return response.setComplete();
            }
        }
        long first = range == null ? 0 : range[0];
        long last = range == null ? completeLength - 1 : range[1];
        if (range != null) {
            response.setStatusCode(HttpStatus.PARTIAL_CONTENT);
            headers.set(HttpHeaders.CONTENT_RANGE, "bytes " + first + "-" + last + "/" + completeLength);
        } else {
            response.setStatusCode(HttpStatusCode.valueOf(stored.status()));
        }
        headers.remove(HttpHeaders.TRANSFER_ENCODING);
        headers.setContentLength(last - first + 1);
        if (request.getMethod() == HttpMethod.HEAD) {
            return response.setComplete();
        }
        DataBuffer buffer = response.bufferFactory().wrap(stored.bytes(first, last));
        return response.writeWith(Mono.just(buffer));
    }

    /**
     * Whether the stored response can answer the request: a complete one always; a part only a
     * GET for a single range it holds, when If-Range (if any) names it.
     */
    static boolean canAnswer(ServerHttpRequest request, StoredResponse stored) {
        StoredResponse.Part part = stored.part();
        if (part == null) {
            return true;
        }
        if (!rangeApplies(request, stored)) {
            return false;
        }
        long[] range = ByteRange.single(request.getHeaders().getFirst(HttpHeaders.RANGE), part.completeLength());
        return range != null && range != ByteRange.UNSATISFIABLE && stored.holds(range[0], range[1]);
    }

    private static boolean rangeApplies(ServerHttpRequest request, StoredResponse stored) {
        return request.getMethod() == HttpMethod.GET && request.getHeaders().containsHeader(HttpHeaders.RANGE)
                && ifRangeHolds(request.getHeaders(), stored);
    }

    /**
     * If-None-Match by weak comparison, else If-Modified-Since against Last-Modified (RFC 9110
     * section 13.2.2); a stored response without Last-Modified is judged by its Date, else by
     * when it was received (RFC 9111 section 4.3.2).
     */
    static boolean notModified(HttpHeaders request, StoredResponse stored) {
        List<String> ifNoneMatch = request.get(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            String etag = stored.etag();
            if (etag == null) {
                return false;
            }
            for (String value : ifNoneMatch) {
                for (String candidate : value.split(",")) {
                    String tag = candidate.trim();
                    if (tag.equals("*") || StoredResponse.opaqueTag(tag).equals(StoredResponse.opaqueTag(etag))) {
                        return true;
                    }
                }
            }
            return false;
        }
        long since = HttpDates.parse(request.getFirst(HttpHeaders.IF_MODIFIED_SINCE));
        long lastModified = stored.lastModified() == null ? stored.dateOrReceived()
                : HttpDates.parse(stored.lastModified());
        return since != HttpDates.INVALID && lastModified != HttpDates.INVALID && lastModified <= since;
    }

    /** If-Range: the range applies only while the entry is the representation the client has (strong match). */
    private static boolean ifRangeHolds(HttpHeaders request, StoredResponse stored) {
        String ifRange = request.getFirst(HttpHeaders.IF_RANGE);
        if (ifRange == null) {
            return true;
        }
        if (ifRange.startsWith("\"")) {
            return ifRange.equals(stored.etag());
        }
        long date = HttpDates.parse(ifRange);
        return date != HttpDates.INVALID && date == HttpDates.parse(stored.lastModified());
    }
}
