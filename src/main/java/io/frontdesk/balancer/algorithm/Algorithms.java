package io.frontdesk.balancer.algorithm;

import io.frontdesk.config.PoolProperties.Algorithm;

/** The balancing algorithm an operator names in {@code frontdesk.pools.NAME.algorithm}. */
public final class Algorithms {

    private Algorithms() {
    }

    /** A new instance of the algorithm, for one pool. */
    public static BalancingAlgorithm create(Algorithm algorithm) {
        return switch (algorithm) {
            case ROUND_ROBIN -> new RoundRobin();
            case WEIGHTED_ROUND_ROBIN -> new SmoothWeightedRoundRobin();
            case LEAST_REQUESTS -> new LeastRequests();
            case LEAST_LATENCY -> new LeastLatency();
            case CONSISTENT_HASH -> new MaglevHash();
        };
    }
}
