package io.frontdesk.balancer.algorithm;

import java.util.concurrent.ThreadLocalRandom;

import io.frontdesk.balancer.Backend;

/**
 * The power of two choices: two untried backends drawn at random, the one that costs less wins.
 * Two random draws avoid both the herd that always picking the cheapest backend would send to it
 * and a scan of the whole pool.
 */
abstract class PowerOfTwoChoices implements BalancingAlgorithm {

    @Override
    public final Backend pick(Selection selection) {
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
        return cost(selection, b) < cost(selection, a) ? selection.get(b) : selection.get(a);
    }

    /** What sending one more request to the backend at {@code index} costs; lower is better. */
    abstract double cost(Selection selection, int index);

    /** The backend's effective weight, or 1 when all weights are equal. */
    static double weight(Selection selection, int index) {
        return selection.weighted() ? selection.weights()[index] : 1;
    }
}
