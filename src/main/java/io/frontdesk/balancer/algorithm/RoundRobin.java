package io.frontdesk.balancer.algorithm;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.frontdesk.balancer.Backend;

/**
 * Plain round-robin: each available backend in turn, configured weights ignored. While a
 * backend warms up after a recovery its reduced share is honoured through the smooth weighted
 * variant.
 */
public final class RoundRobin implements BalancingAlgorithm {

    private final AtomicInteger next = new AtomicInteger();
    private final SmoothWeightedRoundRobin warmingUp = new SmoothWeightedRoundRobin();

    @Override
    public Backend pick(Selection selection) {
        if (selection.weighted()) {
            return warmingUp.pick(selection);
        }
        int size = selection.size();
        int start = Math.floorMod(next.getAndIncrement(), size);
        for (int step = 0; step < size; step++) {
            int index = (start + step) % size;
            if (!selection.isExcluded(index)) {
                return selection.get(index);
            }
        }
        return null;
    }

    @Override
    public void membersChanged(List<Backend> members) {
        warmingUp.membersChanged(members);
    }

    @Override
    public boolean usesConfiguredWeights() {
        return false;
    }
}
