package io.frontdesk.balancer.algorithm;

import java.util.List;
import java.util.Set;

import io.frontdesk.balancer.Backend;

/**
 * What an algorithm chooses from: the backends that may take traffic now, their effective
 * weights, the ones this request already tried, the request's hash key and the time.
 *
 * @param backends the available backends, in pool order; never empty
 * @param weights effective weight of each backend, same order
 * @param weighted whether the weights differ from each other
 * @param excluded backends already tried by this request; an algorithm picks one of them only
 *        when nothing else is left, and then returns {@code null}
 * @param hashKey the key consistent hashing maps, or {@code null} when the request has none
 * @param nowNanos the time of the pick, in {@link System#nanoTime()} terms
 */
public record Selection(List<Backend> backends, double[] weights, boolean weighted, Set<Backend> excluded,
        String hashKey, long nowNanos) {

    public int size() {
        return backends.size();
    }

    public Backend get(int index) {
        return backends.get(index);
    }

    public boolean isExcluded(int index) {
        return isExcluded(backends.get(index));
    }

    public boolean isExcluded(Backend backend) {
        return !excluded.isEmpty() && excluded.contains(backend);
    }

    /** Positions of the backends not yet tried. */
    int[] untried() {
        int[] positions = new int[size()];
        int count = 0;
        for (int i = 0; i < size(); i++) {
            if (!isExcluded(i)) {
                positions[count++] = i;
            }
        }
        return java.util.Arrays.copyOf(positions, count);
    }
}
