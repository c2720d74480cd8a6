package io.frontdesk.balancer;

import java.util.Locale;

/** Why passive outlier detection ejected a backend; the {@code reason} label of its metrics. */
public enum EjectionReason {
    /** Failures in a row: 5xx answers, refused or reset connections, timeouts. */
    FAILURES,
    /** Latency that stayed far above the pool's median. */
    SLOW;

    /** As in metrics and {@code /actuator/backends}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
