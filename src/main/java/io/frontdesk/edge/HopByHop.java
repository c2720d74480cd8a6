package io.frontdesk.edge;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpHeaders;

/**
 * Hop-by-hop headers (RFC 9110 section 7.6.1): they describe one connection, so a proxy drops
 * them in both directions, together with every header the Connection header names.
 */
final class HopByHop {

    static final List<String> HEADERS = List.of("Connection", "Keep-Alive", "Proxy-Connection", "TE",
            "Transfer-Encoding", "Trailer", "Upgrade", "Proxy-Authenticate", "Proxy-Authorization");

    private HopByHop() {
    }

    /** Header names listed in the Connection header(s), or an empty list. */
    static List<String> connectionOptions(HttpHeaders headers) {
        List<String> connection = headers.get(HttpHeaders.CONNECTION);
        if (connection == null || connection.isEmpty()) {
            return List.of();
        }
        List<String> options = new ArrayList<>(4);
        for (String value : connection) {
            for (String token : value.split(",")) {
                String option = token.trim();
                if (!option.isEmpty()) {
                    options.add(option);
                }
            }
        }
        return options;
    }

    static boolean applies(String name, List<String> connectionOptions) {
        return HeaderNames.contains(HEADERS, name) || HeaderNames.contains(connectionOptions, name);
    }
}
