package io.frontdesk.shield;

import java.util.Locale;

/** The listeners whose connections are counted: the value of the {@code listener} label. */
enum Listener {
    /** The gateway's own port ({@code server.port}). */
    PUBLIC,
    /** The plain HTTP port that redirects to HTTPS ({@code frontdesk.tls.http-port}). */
    REDIRECT,
    /** The management port: probes, scrapes, actuator endpoints. */
    MANAGEMENT;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
