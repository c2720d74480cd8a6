package io.frontdesk.balancer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the backends of one pool that stay slow: at each evaluation a backend is slow when its
 * mean latency is above {@code max(factor × the pool's median, min-latency)}, and it is due for
 * ejection once it has been slow at every evaluation for a whole window.
 *
 * <p>Only backends with a recent latency take part: in the pool (not ejected) and with a sample
 * younger than the window. The median is the lower one of theirs (with two backends, the
 * faster), so a pool whose backends are all equally slow has none slow; with fewer than two
 * taking part, nothing is judged. Evaluations of one pool run one at a time.
 */
final class SlowBackends {

    /** No slowness under way. */
    private static final long NOT_SLOW = Long.MIN_VALUE;

    private final SlowEjectionPolicy policy;
    private final long[] slowSinceNanos;

    SlowBackends(SlowEjectionPolicy policy, int poolSize) {
        this.policy = policy;
        this.slowSinceNanos = new long[poolSize];
        Arrays.fill(slowSinceNanos, NOT_SLOW);
    }

    /** A backend due for ejection, with the figures that made it so. */
    record Verdict(Backend backend, double meanNanos, double thresholdNanos, double medianNanos) {
    }

    /**
     * The backends slow for a whole window as of {@code nowNanos}. An ejected backend no longer
     * takes part, so its slowness is forgotten: when it is back it starts from nothing.
     */
    List<Verdict> evaluate(List<Backend> backends, long nowNanos) {
        double[] means = new double[backends.size()];
        double[] judged = new double[backends.size()];
        int count = 0;
        for (int i = 0; i < backends.size(); i++) {
            Backend backend = backends.get(i);
            LatencyEstimate latency = backend.latency();
            boolean recent = latency.sampled() && nowNanos - latency.lastSampleNanos() <= policy.windowNanos()
                    && !backend.ejected(nowNanos);
            means[i] = recent ? latency.meanNanos() : Double.NaN;
            if (recent) {
                judged[count++] = means[i];
            }
        }
        if (count < 2) {
            Arrays.fill(slowSinceNanos, NOT_SLOW);
            return List.of();
        }
        double median = lowerMedian(judged, count);
        double threshold = policy.thresholdNanos(median);
        List<Verdict> due = new ArrayList<>();
        for (int i = 0; i < means.length; i++) {
            if (!(means[i] > threshold)) {
                slowSinceNanos[i] = NOT_SLOW;
                continue;
            }
            if (slowSinceNanos[i] == NOT_SLOW) {
                slowSinceNanos[i] = nowNanos;
            }
            if (nowNanos - slowSinceNanos[i] >= policy.windowNanos()) {
                due.add(new Verdict(backends.get(i), means[i], threshold, median));
            }
        }
        return due;
    }

    static double lowerMedian(double[] values, int count) {
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return sorted[(count - 1) / 2];
    }
}
