package io.frontdesk.cache;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpHeaders;

/**
 * A stored response with what RFC 9111 needs to judge it: when it was requested and received,
 * its corrected initial age (section 4.2.3) and its freshness lifetime (section 4.2.1, with the
 * route policy's default TTL and heuristics). Times are epoch milliseconds of the gateway's clock.
 * The body lives in direct memory, copied there once when stored: every hit hands it to the
 * socket as it is, where a heap array would be copied into a fresh direct buffer on each write.
 */
final class StoredResponse implements Stored {

    /** Statuses a cache may give heuristic freshness (RFC 9110 section 15.1). */
    static final Set<Integer> HEURISTICALLY_CACHEABLE = Set.of(200, 203, 204, 206, 300, 301, 308, 404, 405, 410,
            414, 501);

    /**
     * What a 206 holds of its representation (RFC 9111 section 3.4): the body is the bytes from
     * {@code offset} on, of which the held ranges count.
     */
    record Part(long offset, HeldRanges held, long completeLength) {
    }

    private final int status;
    private final HttpHeaders headers;
    private final ByteBuffer body;
    private final long requestTime;
    private final long responseTime;
    private final long correctedInitialAge;
    private final long freshnessLifetime;
    private final ResponseDirectives directives;
    private final CacheControl cacheControl;
    private final Part part;

    private StoredResponse(int status, HttpHeaders headers, ByteBuffer body, long requestTime, long responseTime,
            ResponseDirectives directives, long freshnessLifetime, Part part) {
        this.status = status;
        this.part = part;
        this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
        this.body = body;
        this.requestTime = requestTime;
        this.responseTime = responseTime;
        this.directives = directives;
        this.cacheControl = directives.control();
        this.correctedInitialAge = correctedInitialAge(headers, requestTime, responseTime);
        this.freshnessLifetime = freshnessLifetime;
    }

    /**
     * A response received now, its freshness judged by RFC 9111 and the policy. A 206 must have
     * a single range with its complete length (as {@link Storability} requires).
     */
    static StoredResponse received(int status, HttpHeaders headers, byte[] body, long requestTime,
            long responseTime, CachePolicy policy, String path) {
        ResponseDirectives directives = ResponseDirectives.of(headers, policy.targetedFields());
        Part part = null;
        if (status == 206) {
            long[] range = ByteRange.contentRange(headers.getFirst(HttpHeaders.CONTENT_RANGE));
            part = new Part(range[0], HeldRanges.of(range[0], range[1]), range[2]);
        }
        return new StoredResponse(status, headers, direct(body), requestTime, responseTime, directives,
                freshnessLifetime(status, headers, directives, responseTime, policy, path), part);
    }

    /**
     * As it will be kept by a store that has it back from bytes, freshness already judged, its
     * directives read from the field chosen when it was received.
     */
    static StoredResponse restored(int status, HttpHeaders headers, byte[] body, long requestTime, long responseTime,
            String directivesField, long freshnessLifetime, Part part) {
        return new StoredResponse(status, headers, direct(body), requestTime, responseTime,
                ResponseDirectives.from(headers, directivesField), freshnessLifetime, part);
    }

    private static ByteBuffer direct(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
    }

    private static long correctedInitialAge(HttpHeaders headers, long requestTime, long responseTime) {
        long date = HttpDates.parse(headers.getFirst(HttpHeaders.DATE));
        long apparentAge = date == HttpDates.INVALID ? 0 : Math.max(0, responseTime - date);
        long correctedAgeValue = ageValue(headers) + (responseTime - requestTime);
        return Math.max(apparentAge, correctedAgeValue);
    }

    /**
     * The Age field in milliseconds (RFC 9111 section 5.1): of a list, the first member counts;
     * a value that is not a non-negative integer is ignored.
     */
    private static long ageValue(HttpHeaders headers) {
        String age = headers.getFirst(HttpHeaders.AGE);
        if (age == null) {
            return 0;
        }
        int comma = age.indexOf(',');
        String first = (comma < 0 ? age : age.substring(0, comma)).trim();
        return Math.max(0, CacheControl.deltaSeconds(first)) * 1000;
    }

    private static long freshnessLifetime(int status, HttpHeaders headers, ResponseDirectives directives,
            long responseTime, CachePolicy policy, String path) {
        CacheControl cacheControl = directives.control();
        long sharedMaxAge = cacheControl.lifetimeSeconds("s-maxage");
        if (sharedMaxAge >= 0) {
            return sharedMaxAge * 1000;
        }
        long maxAge = cacheControl.lifetimeSeconds("max-age");
        if (maxAge >= 0) {
            return maxAge * 1000;
        }
        List<String> expiresValues = directives.expires(headers);
        if (expiresValues != null) {
            // Expires is a single date: given twice, it is as invalid as a bad date (RFC 9111 section 5.3).
            long expires = expiresValues.size() == 1 ? HttpDates.parse(expiresValues.get(0)) : HttpDates.INVALID;
            if (expires == HttpDates.INVALID) {
                return 0;
            }
            long date = HttpDates.parse(headers.getFirst(HttpHeaders.DATE));
            return Math.max(0, expires - (date == HttpDates.INVALID ? responseTime : date));
        }
        if (!HEURISTICALLY_CACHEABLE.contains(status) && !cacheControl.has("public")) {
            return 0;
        }
        long defaultTtl = policy.defaultTtlMillis(path, headers.getFirst(HttpHeaders.CONTENT_TYPE));
        if (defaultTtl > 0) {
            return defaultTtl;
        }
        long lastModified = HttpDates.parse(headers.getFirst(HttpHeaders.LAST_MODIFIED));
        if (lastModified == HttpDates.INVALID || policy.heuristicPercent() == 0) {
            return 0;
        }
        long date = HttpDates.parse(headers.getFirst(HttpHeaders.DATE));
        long since = (date == HttpDates.INVALID ? responseTime : date) - lastModified;
        return Math.min(policy.heuristicMaxTtlMillis(), Math.max(0, since * policy.heuristicPercent() / 100));
    }

    int status() {
        return status;
    }

    HttpHeaders headers() {
        return headers;
    }

    /** The body, read-only, with a position and limit of its own. */
    ByteBuffer body() {
        return body.duplicate();
    }

    int bodyLength() {
        return body.capacity();
    }

    long requestTime() {
        return requestTime;
    }

    long responseTime() {
        return responseTime;
    }

    long freshnessLifetime() {
        return freshnessLifetime;
    }

    CacheControl cacheControl() {
        return cacheControl;
    }

    /** The name of the field whose directives this cache follows for this response. */
    String directivesField() {
        return directives.field();
    }

    /** The current age (RFC 9111 section 4.2.3) in milliseconds. */
    long currentAge(long now) {
        return correctedInitialAge + Math.max(0, now - responseTime);
    }

    /** Freshness left, negative once stale. */
    long timeToLive(long now) {
        return freshnessLifetime - currentAge(now);
    }

    /** No stale use at all once stale: must-revalidate, proxy-revalidate, or s-maxage (which implies the latter). */
    boolean forbidsStale() {
        return cacheControl.has("must-revalidate") || cacheControl.has("proxy-revalidate")
                || cacheControl.has("s-maxage");
    }

    /** {@code no-cache} on the response: stored, but validated before every use. */
    boolean alwaysRevalidate() {
        return cacheControl.has("no-cache");
    }

    /** stale-while-revalidate (RFC 5861) of the response, else the policy's, in milliseconds. */
    long staleWhileRevalidate(CachePolicy policy) {
        long seconds = cacheControl.seconds("stale-while-revalidate");
        return seconds >= 0 ? seconds * 1000 : policy.staleWhileRevalidateMillis();
    }

    /** stale-if-error (RFC 5861) of the response, else the policy's, in milliseconds. */
    long staleIfError(CachePolicy policy) {
        long seconds = cacheControl.seconds("stale-if-error");
        return seconds >= 0 ? seconds * 1000 : policy.staleIfErrorMillis();
    }

    String etag() {
        return headers.getFirst(HttpHeaders.ETAG);
    }

    String lastModified() {
        return headers.getFirst(HttpHeaders.LAST_MODIFIED);
    }

    /** The Date of the response, or when it was received when it has none. */
    long dateOrReceived() {
        long date = HttpDates.parse(headers.getFirst(HttpHeaders.DATE));
        return date == HttpDates.INVALID ? responseTime : date;
    }

    boolean hasValidators() {
        return etag() != null || lastModified() != null;
    }

    /**
     * Whether a 304 may update this response (RFC 9111 section 4.3.4): not when its ETag (compared
     * weakly) or, without one, its strong Last-Modified names another representation.
     */
    boolean freshenedBy(HttpHeaders notModified) {
        String etag = notModified.getFirst(HttpHeaders.ETAG);
        if (etag != null) {
            return etag() != null && opaqueTag(etag).equals(opaqueTag(etag()));
        }
        String lastModified = strongValidator(notModified);
        return lastModified == null || lastModified.equals(lastModified());
    }

    /** An entity tag without its weakness mark, for the weak comparison (RFC 9110 section 8.8.3.2). */
    static String opaqueTag(String etag) {
        return etag.startsWith("W/") ? etag.substring(2) : etag;
    }

    /**
     * This response updated by a 304 (RFC 9111 section 3.2): the 304's header fields replace the
     * stored ones of the same name, the body stays, and freshness is judged anew.
     */
    StoredResponse refreshedBy(HttpHeaders notModified, long newRequestTime, long newResponseTime,
            CachePolicy policy, String path) {
        HttpHeaders merged = new HttpHeaders();
        merged.putAll(headers);
        notModified.forEach((name, values) -> {
            if (!UNCHANGED_BY_304.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                merged.put(name, List.copyOf(values));
            }
        });
        ResponseDirectives directives = ResponseDirectives.of(merged, policy.targetedFields());
        return new StoredResponse(status, merged, body, newRequestTime, newResponseTime, directives,
                freshnessLifetime(status, merged, directives, newResponseTime, policy, path), part);
    }

    private static final Set<String> UNCHANGED_BY_304 = Set.of("content-length", "content-encoding",
            "transfer-encoding", "content-range");

    /** What a partial response holds; {@code null} for a complete one. */
    Part part() {
        return part;
    }

    /** Whether this partial response holds the bytes from first to last. */
    boolean holds(long first, long last) {
        return part != null && part.held().covers(first, last);
    }

    /** The bytes from first to last of the representation, read-only; only those of a held range or a complete body. */
    ByteBuffer bytes(long first, long last) {
        int from = (int) (first - (part == null ? 0 : part.offset()));
        return body.duplicate().position(from).limit(from + (int) (last - first + 1)).slice();
    }

    /**
     * A strong validator (RFC 9110 section 8.8.1): a strong ETag, else a Last-Modified at least a
     * second before the Date; {@code null} when there is none. Only parts that share one are combined.
     */
    static String strongValidator(HttpHeaders headers) {
        String etag = headers.getFirst(HttpHeaders.ETAG);
        if (etag != null) {
            return etag.startsWith("W/") ? null : etag;
        }
        String lastModified = headers.getFirst(HttpHeaders.LAST_MODIFIED);
        long modified = HttpDates.parse(lastModified);
        long date = HttpDates.parse(headers.getFirst(HttpHeaders.DATE));
        return modified != HttpDates.INVALID && date != HttpDates.INVALID && date - modified >= 1000 ? lastModified
                : null;
    }

    /** Whether a newer partial response is a part of the same representation as this one. */
    boolean samePartAs(StoredResponse newer) {
        return part != null && newer.part != null && part.completeLength() == newer.part.completeLength()
                && strongValidator(headers) != null && strongValidator(headers).equals(strongValidator(newer.headers));
    }

    /**
     * This part and a newer one of the same representation combined (RFC 9111 section 3.4), with
     * the newer one's header fields and freshness: a complete 200 once every byte is held.
     */
    StoredResponse combinedWith(StoredResponse newer) {
        long length = part.completeLength();
        ByteBuffer whole = ByteBuffer.allocateDirect((int) length);
        for (StoredResponse source : List.of(this, newer)) {
            long[] bounds = source.part.held().bounds();
            for (int i = 0; i < bounds.length; i += 2) {
                whole.put((int) bounds[i], source.bytes(bounds[i], bounds[i + 1]), 0,
                        (int) (bounds[i + 1] - bounds[i] + 1));
            }
        }
        HeldRanges held = part.held().with(newer.part.held());
        ByteBuffer body = whole.asReadOnlyBuffer();
        if (!held.covers(0, length - 1)) {
            return new StoredResponse(206, newer.headers, body, newer.requestTime, newer.responseTime,
                    newer.directives, newer.freshnessLifetime, new Part(0, held, length));
        }
        HttpHeaders complete = HttpHeaders.copyOf(newer.headers);
        complete.remove(HttpHeaders.CONTENT_RANGE);
        complete.setContentLength(length);
        return new StoredResponse(200, complete, body, newer.requestTime, newer.responseTime, newer.directives,
                newer.freshnessLifetime, null);
    }

    /** Bytes this entry takes in memory, roughly: body, header text and fixed overhead. */
    int weight() {
        int headerBytes = 0;
        for (var entry : headers.headerSet()) {
            for (String value : entry.getValue()) {
                headerBytes += entry.getKey().length() + value.length() + 4;
            }
        }
        return body.capacity() + headerBytes + 128;
    }
}
