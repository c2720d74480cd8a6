package io.frontdesk.cache;

import java.util.Set;

import org.springframework.http.HttpHeaders;

/**
 * Whether a shared cache may store a response (RFC 9111 section 3, with the route policy on top).
 * The answer is {@code null} for yes, otherwise the reason, which becomes the Cache-Status detail.
 */
final class Storability {

    /** Final statuses this cache understands and may store; 206 and 304 are never stored whole. */
    private static final Set<Integer> STORABLE = Set.of(200, 203, 204, 300, 301, 302, 307, 308, 404, 405, 410, 414,
            451, 501);

    private Storability() {
    }

    static String refusal(HttpHeaders request, CacheControl requestControl, int status, HttpHeaders response,
            CacheControl responseControl, CachePolicy policy) {
        if (!STORABLE.contains(status)) {
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
        boolean explicit = responseControl.has("max-age") || responseControl.has("s-maxage")
                || responseControl.has("public") || response.containsHeader(HttpHeaders.EXPIRES);
        if (!explicit && !StoredResponse.HEURISTICALLY_CACHEABLE.contains(status)) {
            return "not-cacheable";
        }
        return null;
    }
}
