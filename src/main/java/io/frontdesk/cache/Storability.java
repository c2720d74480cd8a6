package io.frontdesk.cache;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.springframework.http.HttpHeaders;

/**
 * Whether a shared cache may store a response (RFC 9111 section 3, with the route policy on top).
 * The answer is {@code null} for yes, otherwise the reason, which becomes the Cache-Status detail.
 */
final class Storability {

    /**
     * Statuses that answer the request rather than describe the resource: a 304 or a 412 answers
     * its conditions, a 416 its range. None may stand for the URL's response.
     */
    private static final Set<Integer> REQUEST_BOUND = Set.of(304, 412, 416);
    /**
     * The final statuses whose caching rules this cache knows (those RFC 9110 defines, and 451):
     * the ones it may store under must-understand.
     */
    private static final Set<Integer> UNDERSTOOD = Stream.of(IntStream.rangeClosed(200, 206),
            IntStream.of(300, 301, 302, 303, 304, 305, 307, 308), IntStream.rangeClosed(400, 417),
            IntStream.of(421, 422, 426, 451), IntStream.rangeClosed(500, 505))
            .flatMapToInt(statuses -> statuses).boxed().collect(Collectors.toUnmodifiableSet());

    private Storability() {
    }

    static String refusal(HttpHeaders request, CacheControl requestControl, int status, HttpHeaders response,
            ResponseDirectives directives, CachePolicy policy) {
        CacheControl responseControl = directives.control();
        if (status < 200 || REQUEST_BOUND.contains(status) || status == 206 && !combinablePart(response, policy)) {
            return "status";
        }
        // must-understand (section 5.2.2.3): stored only by a cache that knows the status's rules,
        // and then in spite of the no-store that comes with it for caches that do not.
        boolean mustUnderstand = responseControl.has("must-understand");
        if (mustUnderstand && !UNDERSTOOD.contains(status)) {
            return "must-understand";
        }
        if (requestControl.has("no-store") || responseControl.has("no-store") && !mustUnderstand) {
            return "no-store";
        }
        if (responseControl.unqualified("private")) {
            return "private";
        }
        if (request.containsHeader(HttpHeaders.AUTHORIZATION) && !responseControl.has("public")
                && !responseControl.has("s-maxage") && !responseControl.has("must-revalidate")) {
            return "authorization";
        }
        if (VaryRule.namesOf(response) == null) {
            return "vary-star";
        }
        if (response.containsHeader(HttpHeaders.SET_COOKIE) && !policy.storeSetCookie()) {
            return "set-cookie";
        }
        // Any status may be stored when the response gives it freshness (section 3); without, only
        // those RFC 9110 lets a cache give heuristic freshness.
        boolean explicit = responseControl.has("max-age") || responseControl.has("s-maxage")
                || responseControl.has("public") || directives.expires(response) != null;
        if (!explicit && !StoredResponse.HEURISTICALLY_CACHEABLE.contains(status)) {
            return "not-cacheable";
        }
        return null;
    }

    /**
     * A 206 is kept as a part of its representation (RFC 9111 section 3.4) when it is one range,
     * of declared length, of a representation of known length no larger than the policy's objects,
     * with a strong validator to combine it by.
     */
    private static boolean combinablePart(HttpHeaders response, CachePolicy policy) {
        long[] range = ByteRange.contentRange(response.getFirst(HttpHeaders.CONTENT_RANGE));
        return range != null && range[2] <= policy.maxObjectSize()
                && response.getContentLength() == range[1] - range[0] + 1
                && StoredResponse.strongValidator(response) != null;
    }
}
