package io.frontdesk.edge;

import java.util.List;

/** Case-insensitive header name checks without allocating. */
final class HeaderNames {

    private HeaderNames() {
    }

    static boolean contains(List<String> names, String name) {
        for (String candidate : names) {
            if (candidate.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
