package io.frontdesk.balancer;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/** Makes the backends of one pool, with the pool's health check counting, latency decay and in-flight count. */
final class MemberFactory {

    private final String poolName;
    private final int rise;
    private final int fall;
    private final boolean probedBeforeTraffic;
    private final AtomicInteger poolInFlight;
    private final long latencyDecayNanos;

    MemberFactory(String poolName, int rise, int fall, boolean probedBeforeTraffic, AtomicInteger poolInFlight,
            long latencyDecayNanos) {
        this.poolName = poolName;
        this.rise = rise;
        this.fall = fall;
        this.probedBeforeTraffic = probedBeforeTraffic;
        this.poolInFlight = poolInFlight;
        this.latencyDecayNanos = latencyDecayNanos;
    }

    /** A backend the pool starts with: healthy until its checks say otherwise. */
    Backend initial(URI uri, int weight) {
        return new Backend(poolName, uri, weight, new ActiveHealth(rise, fall), poolInFlight, latencyDecayNanos);
    }

    /**
     * A backend that joins the running pool at {@code nowNanos}: its slow start begins, and with
     * active checks on it waits for its first probe.
     */
    Backend joining(URI uri, long nowNanos) {
        ActiveHealth health = probedBeforeTraffic ? ActiveHealth.unchecked(rise, fall) : new ActiveHealth(rise, fall);
        Backend backend = new Backend(poolName, uri, 1, health, poolInFlight, latencyDecayNanos);
        backend.startWarmup(nowNanos);
        return backend;
    }
}
