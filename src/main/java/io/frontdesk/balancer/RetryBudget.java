package io.frontdesk.balancer;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Envoy's retry budget: retries in progress may be at most a share of the requests in
 * progress, with a floor so a quiet pool may still retry. It keeps a failing farm from being
 * hit by a multiple of its normal load.
 */
final class RetryBudget {

    private final int budgetPercent;
    private final int minConcurrency;
    private final AtomicInteger active = new AtomicInteger();

    RetryBudget(int budgetPercent, int minConcurrency) {
        this.budgetPercent = budgetPercent;
        this.minConcurrency = minConcurrency;
    }

    /** Takes a retry slot if the budget allows one; a taken slot must be given back with {@link #release()}. */
    boolean tryAcquire(int requestsInProgress) {
        int allowed = Math.max(minConcurrency, requestsInProgress * budgetPercent / 100);
        while (true) {
            int current = active.get();
            if (current >= allowed) {
                return false;
            }
            if (active.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void release() {
        active.decrementAndGet();
    }
}
