package io.frontdesk.balancer;

import java.util.concurrent.atomic.LongAdder;

/**
 * The rise/fall state machine of active health checks, as HAProxy has it: a healthy backend
 * turns unhealthy after {@code fall} failed probes in a row, an unhealthy one turns healthy
 * after {@code rise} good probes in a row. A backend starts healthy, so a new gateway serves at
 * once; one that joins a running pool starts {@linkplain #unchecked unchecked}. Only the health
 * checker of the pool writes it.
 */
final class ActiveHealth {

    /** What one probe result did to the state. */
    enum Transition { NONE, BECAME_HEALTHY, BECAME_UNHEALTHY }

    private final int rise;
    private final int fall;
    private volatile boolean healthy = true;
    private boolean checked = true;
    private int streak;
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();

    ActiveHealth(int rise, int fall) {
        this.rise = rise;
        this.fall = fall;
    }

    /**
     * A state for a backend that joins a running pool: it takes no traffic until its first probe,
     * and is healthy as soon as one succeeds; a failed first probe leaves it to {@code rise}.
     */
    static ActiveHealth unchecked(int rise, int fall) {
        ActiveHealth health = new ActiveHealth(rise, fall);
        health.healthy = false;
        health.checked = false;
        return health;
    }

    boolean healthy() {
        return healthy;
    }

    long succeeded() {
        return succeeded.sum();
    }

    long failed() {
        return failed.sum();
    }

    synchronized Transition record(boolean probeSucceeded) {
        (probeSucceeded ? succeeded : failed).increment();
        if (!checked) {
            checked = true;
            if (probeSucceeded) {
                healthy = true;
                return Transition.BECAME_HEALTHY;
            }
        }
        if (probeSucceeded == healthy) {
            streak = 0;
            return Transition.NONE;
        }
        streak++;
        if (streak < (healthy ? fall : rise)) {
            return Transition.NONE;
        }
        streak = 0;
        healthy = probeSucceeded;
        return probeSucceeded ? Transition.BECAME_HEALTHY : Transition.BECAME_UNHEALTHY;
    }
}
