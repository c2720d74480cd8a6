package io.frontdesk.balancer;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Passive outlier state of one backend: failures in a row and the current ejection and its
 * reason. The decision to eject is the pool's ({@link BackendPool#recordFailure},
 * {@link BackendPool#ejectSlowBackends}), because it depends on how much of the pool is already
 * ejected.
 */
final class OutlierState {

    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile long ejectedUntilNanos;
    private volatile boolean ejected;
    private volatile EjectionReason reason;
    private int ejections;
    private final AtomicLongArray ejectionsByReason = new AtomicLongArray(EjectionReason.values().length);
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
     * for longer than {@code max}, whatever their reasons; capped at {@code max}. Returns the end
     * of the ejection. Callers hold the pool's lock.
     */
    long eject(long nowNanos, long baseNanos, long maxNanos, EjectionReason why) {
        if (ejections > 0 && nowNanos - lastEjectionEndNanos > maxNanos) {
            ejections = 0;
        }
        ejections++;
        ejectionsByReason.incrementAndGet(why.ordinal());
        reason = why;
        long length = Math.min(maxNanos, baseNanos * ejections);
        ejectedUntilNanos = nowNanos + length;
        lastEjectionEndNanos = ejectedUntilNanos;
        ejected = true;
        consecutiveFailures.set(0);
        return ejectedUntilNanos;
    }

    /** Why the current (or last) ejection happened; {@code null} before the first. */
    EjectionReason reason() {
        return reason;
    }

    long ejections(EjectionReason why) {
        return ejectionsByReason.get(why.ordinal());
    }

    long ejectionsTotal() {
        long total = 0;
        for (int i = 0; i < ejectionsByReason.length(); i++) {
            total += ejectionsByReason.get(i);
        }
        return total;
    }

    int ejections() {
        return ejections;
    }
}
