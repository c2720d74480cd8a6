package io.frontdesk.discovery;

import java.net.URI;
import java.net.URISyntaxException;

/** The {@code scheme://host:port} of a discovered member. */
final class MemberUris {

    private MemberUris() {
    }

    /** An IPv6 address comes out in brackets. */
    static URI of(String scheme, String host, int port) {
        try {
            return new URI(scheme, null, host, port, null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("no URI for " + host + ":" + port, e);
        }
    }
}
