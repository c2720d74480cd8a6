package io.frontdesk.balancer.algorithm;

import java.util.Map;
import java.util.function.Supplier;

/** Every balancing algorithm by the name an operator writes in {@code frontdesk.pools.NAME.algorithm}. */
public final class Algorithms {

    private static final Map<String, Supplier<BalancingAlgorithm>> BY_NAME = Map.of(
            "round-robin", RoundRobin::new,
            "weighted-round-robin", SmoothWeightedRoundRobin::new,
            "least-requests", LeastRequests::new,
            "consistent-hash", MaglevHash::new);

    private Algorithms() {
    }

    /** A new instance of the named algorithm, or {@code null} when there is none by that name. */
    public static BalancingAlgorithm create(String name) {
        Supplier<BalancingAlgorithm> factory = BY_NAME.get(name);
        return factory == null ? null : factory.get();
    }

    /** The names, sorted, for error messages and docs. */
    public static String names() {
        return String.join(", ", new java.util.TreeSet<>(BY_NAME.keySet()));
    }
}
