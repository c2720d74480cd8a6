package io.frontdesk.balancer.algorithm;

import java.util.List;

import io.frontdesk.balancer.Backend;

/** Chooses the backend for one request. Implementations are thread-safe. */
public interface BalancingAlgorithm {

    /** Returns a backend of the selection that is not excluded, or {@code null} when none is left. */
    Backend pick(Selection selection);

    /** Whether configured weights matter; when not, only slow start makes weights differ. */
    default boolean usesConfiguredWeights() {
        return true;
    }

    /**
     * Whether slow backends get fewer requests by the algorithm itself; when not, slow backend
     * ejection takes them out.
     */
    default boolean avoidsSlowBackends() {
        return false;
    }

    /** Whether a recovering backend's share ramps up; when not, weights stay as configured. */
    default boolean supportsSlowStart() {
        return true;
    }

    /**
     * The pool's members are now {@code members}: state kept per backend may forget the ones that
     * left. Called by the pool, one change at a time.
     */
    default void membersChanged(List<Backend> members) {
    }
}
