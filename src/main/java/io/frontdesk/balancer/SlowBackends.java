package io.frontdesk.balancer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

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

    private final SlowEjectionPolicy policy;
    /** When each backend slow at the last evaluation turned slow; members that leave drop out with it. */
    private Map<Backend, Long> slowSinceNanos = new IdentityHashMap<>();

    SlowBackends(SlowEjectionPolicy policy) {
        this.policy = policy;
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
        Map<Backend, Long> slowNow = new IdentityHashMap<>();
        List<Verdict> due = new ArrayList<>();
        if (count >= 2) {
            double median = lowerMedian(judged, count);
            double threshold = policy.thresholdNanos(median);
            for (int i = 0; i < means.length; i++) {
                if (!(means[i] > threshold)) {
                    continue;
                }
                Backend backend = backends.get(i);
                long since = slowSinceNanos.getOrDefault(backend, nowNanos);
                slowNow.put(backend, since);
                if (nowNanos - since >= policy.windowNanos()) {
                    due.add(new Verdict(backend, means[i], threshold, median));
                }
            }
        }
        slowSinceNanos = slowNow;
        return due;
    }

    static double lowerMedian(double[] values, int count) {
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return sorted[(count - 1) / 2];
    }
}
