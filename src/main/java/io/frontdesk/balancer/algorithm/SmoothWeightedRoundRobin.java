package io.frontdesk.balancer.algorithm;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.frontdesk.balancer.Backend;

/**
 * nginx's smooth weighted round-robin: every pick adds each backend's weight to its running
 * score, takes the highest score and subtracts the total from it. Weights 5:1:1 give
 * a a b a c a a rather than a a a a a b c.
 */
public final class SmoothWeightedRoundRobin implements BalancingAlgorithm {

    /** Weights are fractional during slow start; scores are kept in thousandths. */
    private static final double SCALE = 1000;

    private final Map<Backend, long[]> scores = new IdentityHashMap<>();

    @Override
    public synchronized Backend pick(Selection selection) {
        long total = 0;
        int best = -1;
        long[] bestScore = null;
        for (int i = 0; i < selection.size(); i++) {
            if (selection.isExcluded(i)) {
                continue;
            }
            long[] score = scores.computeIfAbsent(selection.get(i), backend -> new long[1]);
            long weight = Math.max(1, Math.round(selection.weights()[i] * SCALE));
            score[0] += weight;
            total += weight;
            if (bestScore == null || score[0] > bestScore[0]) {
                best = i;
                bestScore = score;
            }
        }
        if (bestScore == null) {
            return null;
        }
        bestScore[0] -= total;
        return selection.get(best);
    }

    @Override
    public synchronized void membersChanged(List<Backend> members) {
        Set<Backend> current = Collections.newSetFromMap(new IdentityHashMap<>());
        current.addAll(members);
        scores.keySet().retainAll(current);
    }
}
