package io.frontdesk.balancer;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passive outlier state of one backend: failures in a row and the current ejection. The
 * decision to eject is the pool's ({@link BackendPool#recordFailure}), because it depends on how
 * much of the pool is already ejected.
 */
final class OutlierState {

    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile long ejectedUntilNanos;
    private volatile boolean ejected;
    private int ejections;
    private volatile long ejectionsTotal;
    private long lastEjectionEndNanos;

    /** Counts one failure and returns how many came in a row. */
    int recordFailure() {
        return consecutiveFailures.incrementAndGet();
    }

    void recordSuccess() {
        if (consecutiveFailures.get() != 0) {
            consecutiveFailures.set(0);
        }
    }

    boolean ejectedAt(long nowNanos) {
        return ejected && nowNanos - ejectedUntilNanos < 0;
    }

    long ejectedUntilNanos() {
        return ejectedUntilNanos;
    }

    /**
     * Ejects for {@code base × n}, n counting the ejections since the backend last stayed in
     * for longer than {@code max}; capped at {@code max}. Returns the end of the ejection.
     * Callers hold the pool's lock.
     */
    long eject(long nowNanos, long baseNanos, long maxNanos) {
        if (ejections > 0 && nowNanos - lastEjectionEndNanos > maxNanos) {
            ejections = 0;
        }
        ejections++;
        ejectionsTotal++;
        long length = Math.min(maxNanos, baseNanos * ejections);
        ejectedUntilNanos = nowNanos + length;
        lastEjectionEndNanos = ejectedUntilNanos;
        ejected = true;
        consecutiveFailures.set(0);
        return ejectedUntilNanos;
    }

    long ejectionsTotal() {
        return ejectionsTotal;
    }

    int ejections() {
        return ejections;
    }
}
