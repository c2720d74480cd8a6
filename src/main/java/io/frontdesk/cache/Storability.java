package io.frontdesk.cache;

import java.util.Set;

import org.springframework.http.HttpHeaders;

/**
 * Whether a shared cache may store a response (RFC 9111 section 3, with the route policy on top).
 * The answer is {@code null} for yes, otherwise the reason, which becomes the Cache-Status detail.
 */
final class Storability {

    /**
     * Statuses that answer the request rather than describe the resource: a 304 or a 412 answers
     * its conditions, a 206 or a 416 its range. None may stand for the URL's response.
     */
    private static final Set<Integer> REQUEST_BOUND = Set.of(206, 304, 412, 416);

    private Storability() {
    }

    static String refusal(HttpHeaders request, CacheControl requestControl, int status, HttpHeaders response,
            CacheControl responseControl, CachePolicy policy) {
        if (status < 200 || REQUEST_BOUND.contains(status)) {
            return "status";
        }
        if (requestControl.has("no-store") || responseControl.has("no-store")) {
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
                || responseControl.has("public") || response.containsHeader(HttpHeaders.EXPIRES);
        if (!explicit && !StoredResponse.HEURISTICALLY_CACHEABLE.contains(status)) {
            return "not-cacheable";
        }
        return null;
    }
}
