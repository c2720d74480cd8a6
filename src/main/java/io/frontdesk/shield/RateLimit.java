package io.frontdesk.shield;

/**
 * A named rate limit: a token bucket per key that refills one token each {@code intervalNanos}
 * and holds {@code burst}.
 */
record RateLimit(String name, Rate rate, long burst, LimitKey key) {

    /** This limit's share when {@code replicas} enforce it apart: the rate and the burst divided among them. */
    RateLimit share(int replicas) {
        return new RateLimit(name, new Rate(rate.count(), rate.period().multipliedBy(replicas)),
                Math.max(1, burst / replicas), key);
    }

    long intervalNanos() {
        return rate.intervalNanos();
    }

    /** This limit as an item of the RateLimit-Policy field: quota and the seconds it takes to refill. */
    String policyItem() {
        long windowSeconds = Math.max(1, (intervalNanos() * burst + 999_999_999L) / 1_000_000_000L);
        return "\"" + name + "\";q=" + burst + ";w=" + windowSeconds;
    }
}
