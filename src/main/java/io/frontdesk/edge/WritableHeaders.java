package io.frontdesk.edge;

import java.util.List;

import org.springframework.http.HttpHeaders;

/**
 * Header removal for the gateway's header filters without copying the map. The framework hands
 * each filter the fresh copy the previous one made, so removing in place is safe and saves a
 * copy per request; read-only headers (a filter placed first) are copied instead.
 */
final class WritableHeaders {

    private WritableHeaders() {
    }

    /** {@code headers} without the named ones, changed in place when it can be. */
    static HttpHeaders removing(HttpHeaders headers, List<String> names) {
        try {
            for (String name : names) {
                headers.remove(name);
            }
            return headers;
        } catch (UnsupportedOperationException readOnly) {
            HttpHeaders copy = new HttpHeaders();
            headers.forEach((name, values) -> {
                if (!HeaderNames.contains(names, name)) {
                    copy.addAll(name, values);
                }
            });
            return copy;
        }
    }
}
