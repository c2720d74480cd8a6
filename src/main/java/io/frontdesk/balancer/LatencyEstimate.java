package io.frontdesk.balancer;

import java.util.concurrent.atomic.AtomicReference;

/**
 * How long one backend takes to answer: time to the first response byte, as two exponentially
 * weighted moving averages over time (each sample weighs by the time since the one before, so
 * the averages cover roughly the last {@code decay} whatever the request rate).
 *
 * <ul>
 * <li>The <em>peak</em> average (Finagle's and Linkerd's peak EWMA) jumps to a sample above it at
 * once and otherwise decays toward the samples. Read at a later time it keeps decaying, toward
 * zero, by the time since the last sample: a backend that gets no requests, and so gives no new
 * samples, becomes worth trying again. {@code least-latency} weighs it.</li>
 * <li>The <em>mean</em> follows every sample alike; one slow answer moves it little. Slow
 * backend ejection judges it.</li>
 * </ul>
 *
 * Samples are recorded without locks: the averages are one immutable value swapped by CAS.
 */
public final class LatencyEstimate {

    private final double decayNanos;
    private final AtomicReference<Averages> averages = new AtomicReference<>();

    LatencyEstimate(long decayNanos) {
        this.decayNanos = decayNanos;
    }

    /** Adds one sample taken at {@code nowNanos}. */
    void record(long latencyNanos, long nowNanos) {
        Averages current;
        Averages next;
        do {
            current = averages.get();
            next = current == null ? new Averages(latencyNanos, latencyNanos, nowNanos)
                    : current.with(latencyNanos, nowNanos, decayNanos);
        } while (!averages.compareAndSet(current, next));
    }

    /** Whether any sample was recorded yet. */
    public boolean sampled() {
        return averages.get() != null;
    }

    /** The peak average in nanoseconds, decayed to {@code nowNanos}; 0 before the first sample. */
    public double peakNanos(long nowNanos) {
        Averages current = averages.get();
        return current == null ? 0 : current.peak * retained(nowNanos - current.stampNanos, decayNanos);
    }

    /** The mean in nanoseconds as of the last sample; 0 before the first sample. */
    public double meanNanos() {
        Averages current = averages.get();
        return current == null ? 0 : current.mean;
    }

    /** When the last sample was taken ({@link System#nanoTime()} terms); meaningful once {@link #sampled()}. */
    long lastSampleNanos() {
        Averages current = averages.get();
        return current == null ? 0 : current.stampNanos;
    }

    /** Share of the old average kept after {@code elapsed}: e^(-elapsed / decay). */
    private static double retained(long elapsedNanos, double decayNanos) {
        return Math.exp(-Math.max(elapsedNanos, 0) / decayNanos);
    }

    private record Averages(double peak, double mean, long stampNanos) {

        Averages with(long sample, long nowNanos, double decayNanos) {
            double kept = retained(nowNanos - stampNanos, decayNanos);
            double nextPeak = sample > peak ? sample : peak * kept + sample * (1 - kept);
            double nextMean = mean * kept + sample * (1 - kept);
            return new Averages(nextPeak, nextMean, Math.max(nowNanos, stampNanos));
        }
    }
}
