package io.frontdesk.balancer.algorithm;

import io.frontdesk.balancer.Backend;

/**
 * Least latency (Finagle's and Linkerd's peak EWMA balancer): by the power of two choices over
 * each backend's cost, its peak latency average times {@code (in flight + 1)}, divided by its
 * effective weight. A backend that turns slow costs its new latency from its first slow answer
 * on, and its requests in flight raise its cost while they wait. The average of a backend that
 * gets no requests decays toward zero with time, so a backend once slow is tried again, and
 * gets its share back as soon as its answers are fast.
 *
 * <p>A backend with no latency yet (or none left, after a pause long enough to decay it below a
 * nanosecond) is tried first while it has nothing in flight; with a request in flight it waits
 * behind every measured backend until that answer tells its speed.
 */
public final class LeastLatency extends PowerOfTwoChoices {

    /** Cost of a backend whose latency is unknown and that already has a request in flight: ~3 years. */
    static final double UNKNOWN_AND_BUSY = 1e17;

    @Override
    double cost(Selection selection, int index) {
        Backend backend = selection.get(index);
        return cost(backend.latency().peakNanos(selection.nowNanos()), backend.inFlight(), weight(selection, index));
    }

    static double cost(double peakNanos, int inFlight, double weight) {
        if (peakNanos < 1) {
            return inFlight == 0 ? 0 : (UNKNOWN_AND_BUSY + inFlight) / weight;
        }
        return peakNanos * (inFlight + 1) / weight;
    }

    @Override
    public boolean avoidsSlowBackends() {
        return true;
    }
}
