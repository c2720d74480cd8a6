package io.frontdesk.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.frontdesk.balancer.algorithm.LeastLatency;
import io.frontdesk.balancer.algorithm.Selection;
import io.frontdesk.config.PoolProperties.Algorithm;

/** {@code least-latency}'s choices, on latencies recorded at times the test chooses (decay 5 s). */
class LeastLatencyTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    private final LeastLatency algorithm = new LeastLatency();
    private final List<Backend> backends = Pools.pool(Algorithm.LEAST_LATENCY, "client-ip", Pools.equalWeights(3))
            .backends();

    @Test
    void aSlowBackendLosesEveryDraw() {
        record(0, 500, 1, 1);
        assertThat(picks(0, 1_000, 1, 1, 1)).doesNotContainKey(backends.get(0));
    }

    @Test
    void requestsInFlightMultiplyTheLatency() {
        List<Backend> two = backends.subList(0, 2);
        two.get(0).latency().record(1 * MS, 0);
        two.get(1).latency().record(3 * MS, 0);
        acquire(two.get(0), 3);
        assertThat(pickCounts(two, new double[] {1, 1}, 0, 200)).as("1 ms x 4 against 3 ms x 1")
                .containsOnlyKeys(two.get(1));
        two.get(0).release();
        two.get(0).release();
        assertThat(pickCounts(two, new double[] {1, 1}, 0, 200)).as("1 ms x 2 against 3 ms x 1")
                .containsOnlyKeys(two.get(0));
    }

    @Test
    void theEffectiveWeightDividesTheCost() {
        List<Backend> two = backends.subList(0, 2);
        two.get(0).latency().record(1 * MS, 0);
        two.get(1).latency().record(5 * MS, 0);
        assertThat(pickCounts(two, new double[] {0.1, 1}, 0, 200)).as("warming up at a tenth: 10 ms against 5 ms")
                .containsOnlyKeys(two.get(1));
    }

    @Test
    void aBackendWithoutLatencyIsTriedFirstButNotWhileItsFirstRequestIsPending() {
        backends.get(1).latency().record(1 * MS, 0);
        backends.get(2).latency().record(1 * MS, 0);
        List<Backend> two = List.of(backends.get(0), backends.get(1));
        assertThat(pickCounts(two, new double[] {1, 1}, 0, 100)).containsOnlyKeys(backends.get(0));
        acquire(backends.get(0), 1);
        assertThat(pickCounts(two, new double[] {1, 1}, 0, 100)).containsOnlyKeys(backends.get(1));
    }

    @Test
    void aBackendNoLongerPickedIsTriedAgainOnceItsPeakHasDecayedBelowTheOthers() {
        record(0, 500, 1, 1);
        long almost = (long) (5 * SECOND * Math.log(500)) - SECOND;
        record(almost, -1, 1, 1);
        assertThat(picks(almost, 300, 1, 1, 1)).as("500 ms decayed for %d ms", almost / MS)
                .doesNotContainKey(backends.get(0));
        long later = almost + 2 * SECOND;
        record(later, -1, 1, 1);
        assertThat(picks(later, 300, 1, 1, 1)).as("500 ms decayed for %d ms", later / MS)
                .containsKey(backends.get(0));
        backends.get(0).latency().record(1 * MS, later);
        assertThat(backends.get(0).latency().peakNanos(later)).as("one fast answer after the pause")
                .isLessThan(2.0 * MS);
    }

    @Test
    void aBackendWhoseLatencyHasDecayedAwayIsTriedLikeANewOne() {
        List<Backend> two = backends.subList(0, 2);
        two.get(0).latency().record(500 * MS, 0);
        long anHourLater = 3_600 * SECOND;
        two.get(1).latency().record(1 * MS, anHourLater);
        assertThat(pickCounts(two, new double[] {1, 1}, anHourLater, 100)).containsOnlyKeys(two.get(0));
        acquire(two.get(0), 1);
        assertThat(pickCounts(two, new double[] {1, 1}, anHourLater, 100)).containsOnlyKeys(two.get(1));
    }

    /** Records each latency in milliseconds at {@code atNanos}; a negative one is skipped. */
    private void record(long atNanos, long... millis) {
        for (int i = 0; i < millis.length; i++) {
            if (millis[i] >= 0) {
                backends.get(i).latency().record(millis[i] * MS, atNanos);
            }
        }
    }

    private Map<Backend, Integer> picks(long nowNanos, int count, double... weights) {
        return pickCounts(backends, weights, nowNanos, count);
    }

    private Map<Backend, Integer> pickCounts(List<Backend> from, double[] weights, long nowNanos, int count) {
        boolean weighted = weights[0] != weights[1];
        Selection selection = new Selection(from, weights, weighted, Set.of(), null, nowNanos);
        Map<Backend, Integer> picks = new HashMap<>();
        for (int i = 0; i < count; i++) {
            picks.merge(algorithm.pick(selection), 1, Integer::sum);
        }
        return picks;
    }

    private static void acquire(Backend backend, int times) {
        for (int i = 0; i < times; i++) {
            backend.acquire();
        }
    }
}
