package io.frontdesk.balancer.algorithm;

/**
 * Least requests by the power of two choices (as Envoy does it): two backends drawn at random,
 * the one with fewer requests in flight wins. With unequal weights the one with the lower
 * {@code (in flight + 1) / weight} wins.
 */
public final class LeastRequests extends PowerOfTwoChoices {

    @Override
    double cost(Selection selection, int index) {
        return (selection.get(index).inFlight() + 1) / weight(selection, index);
    }

    @Override
    public boolean avoidsSlowBackends() {
        return true;
    }
}
