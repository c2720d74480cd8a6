package io.frontdesk.edge;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpHeaders;

/**
 * Header removal for the gateway's response header filter without copying the map. The
 * framework hands the filter a fresh copy of the backend's headers, so removing in place is
 * safe and saves a copy per request; read-only headers are copied instead.
 */
final class WritableHeaders {

    private WritableHeaders() {
    }

    /** {@code headers} without those named in either list, changed in place when it can be. */
    static HttpHeaders removing(HttpHeaders headers, List<String> names, List<String> moreNames) {
        List<String> present = null;
        for (String name : headers.headerNames()) {
            if (HeaderNames.contains(names, name) || HeaderNames.contains(moreNames, name)) {
                if (present == null) {
                    present = new ArrayList<>(4);
                }
                present.add(name);
            }
        }
        if (present == null) {
            return headers;
        }
        try {
            for (String name : present) {
                headers.remove(name);
            }
            return headers;
        } catch (UnsupportedOperationException readOnly) {
            HttpHeaders copy = new HttpHeaders();
            List<String> dropped = present;
            headers.forEach((name, values) -> {
                if (!HeaderNames.contains(dropped, name)) {
                    copy.put(name, values);
                }
            });
            return copy;
        }
    }
}
