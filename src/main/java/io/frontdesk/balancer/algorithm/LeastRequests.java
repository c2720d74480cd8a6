package io.frontdesk.balancer.algorithm;

import java.util.concurrent.ThreadLocalRandom;

import io.frontdesk.balancer.Backend;

/**
 * Least requests by the power of two choices (as Envoy does it): two backends drawn at random,
 * the one with fewer requests in flight wins. With unequal weights the one with the higher
 * {@code weight / (in flight + 1)} wins.
 */
public final class LeastRequests implements BalancingAlgorithm {

    @Override
    public Backend pick(Selection selection) {
        int[] untried = selection.untried();
        if (untried.length == 0) {
            return null;
        }
        if (untried.length == 1) {
            return selection.get(untried[0]);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int first = random.nextInt(untried.length);
        int second = random.nextInt(untried.length - 1);
        if (second >= first) {
            second++;
        }
        int a = untried[first];
        int b = untried[second];
        return score(selection, b) > score(selection, a) ? selection.get(b) : selection.get(a);
    }

    private static double score(Selection selection, int index) {
        int active = selection.get(index).inFlight() + 1;
        return selection.weighted() ? selection.weights()[index] / active : 1.0 / active;
    }
}
