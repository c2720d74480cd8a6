package io.frontdesk.balancer;

/**
 * When and for how long failing and slow backends are ejected.
 *
 * @param enabled whether passive ejection happens at all
 * @param consecutiveFailures failures in a row that eject
 * @param baseEjectionNanos length of the first ejection
 * @param maxEjectionNanos cap on the length of one ejection
 * @param maxEjectionPercent most of the pool ejected at once (at least one backend may always go)
 * @param slow when slow backends are ejected
 */
record OutlierPolicy(boolean enabled, int consecutiveFailures, long baseEjectionNanos, long maxEjectionNanos,
        int maxEjectionPercent, SlowEjectionPolicy slow) {

    int maxEjected(int poolSize) {
        return Math.max(1, poolSize * maxEjectionPercent / 100);
    }
}
