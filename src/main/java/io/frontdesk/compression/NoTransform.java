package io.frontdesk.compression;

import java.util.List;
import java.util.Locale;

/** {@code Cache-Control: no-transform} (RFC 9111 section 5.2.1.6 and 5.2.2.6): no intermediary may change the content. */
final class NoTransform {

    private NoTransform() {
    }

    /** Whether these Cache-Control field values (may be {@code null}) hold the directive. */
    static boolean in(List<String> cacheControl) {
        if (cacheControl == null) {
            return false;
        }
        for (String value : cacheControl) {
            for (String directive : value.split(",")) {
                if (directive.trim().toLowerCase(Locale.ROOT).equals("no-transform")) {
                    return true;
                }
            }
        }
        return false;
    }
}
