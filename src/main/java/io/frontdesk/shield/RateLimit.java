package io.frontdesk.shield;

/**
 * A named rate limit: a token bucket per key that refills one token each {@code intervalNanos}
 * and holds {@code burst}.
 */
record RateLimit(String name, Rate rate, long burst, LimitKey key) {

    long intervalNanos() {
        return rate.intervalNanos();
    }

    /** This limit as an item of the RateLimit-Policy field: quota and the seconds it takes to refill. */
    String policyItem() {
        long windowSeconds = Math.max(1, (intervalNanos() * burst + 999_999_999L) / 1_000_000_000L);
        return "\"" + name + "\";q=" + burst + ";w=" + windowSeconds;
    }
}
