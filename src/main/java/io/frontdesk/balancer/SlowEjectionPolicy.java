package io.frontdesk.balancer;

/**
 * When a backend counts as slow enough to eject: its mean latency above
 * {@code max(factor × the pool's median, minLatency)} at every evaluation for a whole window.
 *
 * @param enabled whether slow backends are ejected at all
 * @param factor multiple of the pool's median latency
 * @param minLatencyNanos latency under which no backend is slow
 * @param windowNanos how long a backend must stay slow
 */
record SlowEjectionPolicy(boolean enabled, double factor, long minLatencyNanos, long windowNanos) {

    /** Evaluations per window: the window is judged in tenths. */
    static final int EVALUATIONS_PER_WINDOW = 10;

    /** The latency above which a backend is slow, for a pool whose median is {@code medianNanos}. */
    double thresholdNanos(double medianNanos) {
        return Math.max(factor * medianNanos, minLatencyNanos);
    }

    long evaluationIntervalNanos() {
        return Math.max(1, windowNanos / EVALUATIONS_PER_WINDOW);
    }
}
