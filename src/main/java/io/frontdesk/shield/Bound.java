package io.frontdesk.shield;

import java.util.Locale;

/**
 * Why a connection was refused ({@code bound} label) or reclaimed ({@code reason} label):
 * a bound was reached, or (reclaims only) the shorter idle timeout under pressure ran out.
 */
enum Bound {
    /** {@code max-total}, the client connections in all. */
    TOTAL,
    /** {@code max-per-client}, one client address's connections. */
    PER_CLIENT,
    /** {@code management-reserve}, the management port's connections. */
    MANAGEMENT,
    /** {@code pressure-idle-timeout}, while client connections are above 80% of max-total. */
    PRESSURE;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
