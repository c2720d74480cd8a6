package io.frontdesk.edge;

import java.util.List;

import org.springframework.http.HttpHeaders;

/**
 * Header removal for the gateway's response header filter without copying the map. The
 * framework hands the filter a fresh copy of the backend's headers, so removing in place is
 * safe and saves a copy per request; read-only headers are copied instead. Names are removed one
 * by one rather than found by walking the headers' names, which the framework copies into a new
 * set each time.
 */
final class WritableHeaders {

    private WritableHeaders() {
    }

    /** {@code headers} without those named in either list, changed in place when it can be. */
    static HttpHeaders removing(HttpHeaders headers, List<String> names, List<String> moreNames) {
        if (headers instanceof NettyBackedHeaders nettyBacked) {
            // Netty's removal does not list the values it removes, as the adapter's does
            names.forEach(nettyBacked.netty()::remove);
            moreNames.forEach(nettyBacked.netty()::remove);
            return headers;
        }
        try {
            names.forEach(headers::remove);
            moreNames.forEach(headers::remove);
            return headers;
        } catch (UnsupportedOperationException readOnly) {
            HttpHeaders copy = new HttpHeaders();
            headers.forEach((name, values) -> {
                if (!HeaderNames.contains(names, name) && !HeaderNames.contains(moreNames, name)) {
                    copy.put(name, values);
                }
            });
            return copy;
        }
    }
}
