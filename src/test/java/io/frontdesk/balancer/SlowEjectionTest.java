package io.frontdesk.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.frontdesk.config.PoolProperties.Algorithm;
import io.frontdesk.config.PoolProperties.SlowEjectionProperties;

/**
 * Slow backend ejection, evaluated once a second on a clock the test moves, with latencies
 * recorded once a second: factor 3, min-latency 200 ms, window 10 s, decay 5 s.
 */
class SlowEjectionTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;
    private static final SlowEjectionProperties DEFAULTS = new SlowEjectionProperties(true, 3,
            Duration.ofMillis(200), Duration.ofSeconds(10));

    private final long start = System.nanoTime();

    private static BackendPool pool(Algorithm algorithm, int size, int maxEjectionPercent,
            SlowEjectionProperties slow) {
        return Pools.pool(algorithm, "client-ip", Pools.equalWeights(size), Duration.ZERO,
                Pools.outlier(5, maxEjectionPercent, slow));
    }

    private static BackendPool roundRobin(int size) {
        return pool(Algorithm.ROUND_ROBIN, size, 50, DEFAULTS);
    }

    /** At second {@code second}: records one latency per backend, in ms, then evaluates. */
    private void second(BackendPool pool, int second, long... millis) {
        long now = start + second * SECOND;
        for (int i = 0; i < millis.length; i++) {
            pool.backends().get(i).latency().record(millis[i] * MS, now);
        }
        pool.ejectSlowBackends(now);
    }

    private boolean ejected(BackendPool pool, int index, int second) {
        return pool.backends().get(index).ejected(start + second * SECOND);
    }

    @Test
    void aBackendSlowForAWholeWindowIsEjectedForSlownessAndNoSooner() {
        BackendPool pool = roundRobin(3);
        for (int s = 0; s < 10; s++) {
            second(pool, s, 500, 10, 12);
            assertThat(ejected(pool, 0, s)).as("second %d", s).isFalse();
        }
        second(pool, 10, 500, 10, 12);
        Backend slow = pool.backends().get(0);
        assertThat(slow.ejectionReason(start + 10 * SECOND)).isEqualTo(EjectionReason.SLOW);
        assertThat(slow.ejections(EjectionReason.SLOW)).isOne();
        assertThat(slow.ejections(EjectionReason.FAILURES)).isZero();
        assertThat(ejected(pool, 1, 10) || ejected(pool, 2, 10)).isFalse();
    }

    @Test
    void aPoolWhoseBackendsAreAllEquallySlowEjectsNone() {
        BackendPool pool = roundRobin(3);
        for (int s = 0; s < 30; s++) {
            second(pool, s, 900, 1_000, 1_100);
        }
        assertThat(pool.backends()).allSatisfy(backend -> assertThat(backend.ejectionsTotal()).isZero());
    }

    @Test
    void noBackendIsSlowUnderMinLatency() {
        BackendPool pool = roundRobin(3);
        for (int s = 0; s < 30; s++) {
            second(pool, s, 150, 5, 5);
        }
        assertThat(pool.backends().get(0).ejectionsTotal()).as("30 times the median, but under 200 ms").isZero();
    }

    @Test
    void aSpikeShorterThanTheWindowEjectsNothing() {
        BackendPool pool = roundRobin(3);
        second(pool, 0, 10, 10, 10);
        second(pool, 1, 2_000, 10, 10);
        for (int s = 2; s < 30; s++) {
            second(pool, s, 10, 10, 10);
        }
        assertThat(pool.backends().get(0).ejectionsTotal()).isZero();
    }

    @Test
    void theEjectionCapCountsEjectionsOfEveryReason() {
        BackendPool pool = pool(Algorithm.ROUND_ROBIN, 4, 25, DEFAULTS);
        for (int s = 0; s <= 10; s++) {
            second(pool, s, 500, 600, 10, 10);
        }
        assertThat(pool.backends().stream().filter(backend -> backend.ejected(start + 10 * SECOND)).count())
                .as("a quarter of four").isOne();
    }

    @Test
    void aBackendBackFromEjectionStartsFromNothingAndWarmsUp() {
        BackendPool pool = pool(Algorithm.ROUND_ROBIN, 3, 50, DEFAULTS);
        for (int s = 0; s <= 10; s++) {
            second(pool, s, 500, 10, 10);
        }
        Backend slow = pool.backends().get(0);
        long back = slow.ejectedUntilNanos();
        assertThat((back - (start + 10 * SECOND)) / SECOND).as("base ejection time").isEqualTo(30);
        pool.ejectSlowBackends(back + 2 * SECOND);
        assertThat(slow.ejected(back + 2 * SECOND)).as("no new sample since it came back").isFalse();
        assertThat(slow.warmupShare(back + SECOND, 10 * SECOND)).as("slow start from the end of the ejection")
                .isEqualTo(0.1);
    }

    @Test
    void onlyAlgorithmsThatDoNotAvoidSlowBackendsEjectThem() {
        assertThat(roundRobin(2).ejectsSlowBackends()).isTrue();
        assertThat(pool(Algorithm.WEIGHTED_ROUND_ROBIN, 2, 50, DEFAULTS).ejectsSlowBackends()).isTrue();
        assertThat(pool(Algorithm.CONSISTENT_HASH, 2, 50, DEFAULTS).ejectsSlowBackends()).isTrue();
        assertThat(pool(Algorithm.LEAST_LATENCY, 2, 50, DEFAULTS).ejectsSlowBackends()).isFalse();
        assertThat(pool(Algorithm.LEAST_REQUESTS, 2, 50, DEFAULTS).ejectsSlowBackends()).isFalse();
        assertThat(pool(Algorithm.ROUND_ROBIN, 2, 50, new SlowEjectionProperties(false, 3, Duration.ofMillis(200),
                Duration.ofSeconds(10))).ejectsSlowBackends()).isFalse();
    }

    @Test
    void withTwoBackendsTheFasterIsTheMedian() {
        BackendPool pool = roundRobin(2);
        for (int s = 0; s <= 10; s++) {
            second(pool, s, 10, 400);
        }
        assertThat(pool.backends().get(1).ejectionReason(start + 10 * SECOND)).isEqualTo(EjectionReason.SLOW);
        assertThat(SlowBackends.lowerMedian(new double[] {3, 1, 2, 4}, 4)).isEqualTo(2);
    }
}
