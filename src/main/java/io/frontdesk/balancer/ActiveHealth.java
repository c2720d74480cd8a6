package io.frontdesk.balancer;

import java.util.concurrent.atomic.LongAdder;

/**
 * The rise/fall state machine of active health checks, as HAProxy has it: a healthy backend
 * turns unhealthy after {@code fall} failed probes in a row, an unhealthy one turns healthy
 * after {@code rise} good probes in a row. A backend starts healthy, so a new gateway serves at
 * once. Only the health checker of the pool writes it.
 */
final class ActiveHealth {

    /** What one probe result did to the state. */
    enum Transition { NONE, BECAME_HEALTHY, BECAME_UNHEALTHY }

    private final int rise;
    private final int fall;
    private volatile boolean healthy = true;
    private int streak;
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();

    ActiveHealth(int rise, int fall) {
        this.rise = rise;
        this.fall = fall;
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
