package io.frontdesk.cache;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;

/**
 * The cache directives a response gives this cache, and the field they come from: the first
 * targeted field (RFC 9213) on the policy's target list with a valid, non-empty value, else
 * Cache-Control. With a targeted field, Cache-Control and Expires are ignored (section 2.1).
 */
record ResponseDirectives(CacheControl control, String field) {

    /** Chooses the field for a response received now. */
    static ResponseDirectives of(HttpHeaders response, List<String> targets) {
        for (String target : targets) {
            List<String> values = response.get(target);
            if (values != null) {
                Map<String, String> directives = StructuredDictionary.parse(String.join(",", values));
                if (directives != null && !directives.isEmpty()) {
                    return new ResponseDirectives(CacheControl.of(directives), target);
                }
            }
        }
        return fromCacheControl(response);
    }

    /** The directives of the field chosen when the response was stored. */
    static ResponseDirectives from(HttpHeaders response, String field) {
        if (field.equalsIgnoreCase(HttpHeaders.CACHE_CONTROL)) {
            return fromCacheControl(response);
        }
        Map<String, String> directives = StructuredDictionary.parse(String.join(",", response.getOrEmpty(field)));
        return directives == null ? fromCacheControl(response)
                : new ResponseDirectives(CacheControl.of(directives), field);
    }

    private static ResponseDirectives fromCacheControl(HttpHeaders response) {
        return new ResponseDirectives(CacheControl.parse(response.get(HttpHeaders.CACHE_CONTROL)),
                HttpHeaders.CACHE_CONTROL);
    }

    /** The Expires values that count: none under a targeted field. */
    List<String> expires(HttpHeaders response) {
        return targeted() ? null : response.get(HttpHeaders.EXPIRES);
    }

    boolean targeted() {
        return !field.equalsIgnoreCase(HttpHeaders.CACHE_CONTROL);
    }
}
