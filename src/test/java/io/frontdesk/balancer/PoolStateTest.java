package io.frontdesk.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.frontdesk.config.PoolProperties.Algorithm;

class PoolStateTest {

    private static final Pools.Facts FACTS = new Pools.Facts("192.0.2.1", null);

    @Test
    void consecutiveFailuresEjectAndSuccessResetsTheRun() {
        BackendPool pool = Pools.pool(Algorithm.ROUND_ROBIN, "client-ip", Pools.equalWeights(4), Duration.ZERO,
                Pools.outlier(3, 50));
        Backend backend = pool.backends().get(0);
        pool.recordFailure(backend);
        pool.recordFailure(backend);
        pool.recordSuccess(backend);
        pool.recordFailure(backend);
        pool.recordFailure(backend);
        assertThat(backend.ejected(System.nanoTime())).isFalse();
        pool.recordFailure(backend);
        assertThat(backend.ejected(System.nanoTime())).isTrue();
        for (int i = 0; i < 40; i++) {
            Backend picked = Pools.pickOnce(pool, FACTS, Set.of());
            assertThat(picked).isNotSameAs(backend);
        }
    }

    @Test
    void neverEjectsMoreThanTheConfiguredShareButAlwaysAtLeastOne() {
        BackendPool pool = Pools.pool(Algorithm.ROUND_ROBIN, "client-ip", Pools.equalWeights(4), Duration.ZERO,
                Pools.outlier(1, 10));
        pool.backends().forEach(pool::recordFailure);
        long ejected = pool.backends().stream().filter(b -> b.ejected(System.nanoTime())).count();
        assertThat(ejected).isEqualTo(1);

        BackendPool half = Pools.pool(Algorithm.ROUND_ROBIN, "client-ip", Pools.equalWeights(4), Duration.ZERO,
                Pools.outlier(1, 50));
        half.backends().forEach(half::recordFailure);
        assertThat(half.backends().stream().filter(b -> b.ejected(System.nanoTime())).count()).isEqualTo(2);
    }

    @Test
    void repeatedEjectionsLastLongerUpToTheCap() {
        OutlierState state = new OutlierState();
        long base = Duration.ofSeconds(30).toNanos();
        long max = Duration.ofSeconds(75).toNanos();
        long now = 0;
        assertThat(state.eject(now, base, max, EjectionReason.FAILURES) - now).isEqualTo(base);
        now += base;
        assertThat(state.eject(now, base, max, EjectionReason.FAILURES) - now).isEqualTo(2 * base);
        now += 2 * base;
        assertThat(state.eject(now, base, max, EjectionReason.FAILURES) - now).isEqualTo(max);
        now += max + max + 1;
        assertThat(state.eject(now, base, max, EjectionReason.SLOW) - now)
                .as("a long quiet spell starts the count again, whatever the reason").isEqualTo(base);
    }

    @Test
    void panicSpreadsOverAllBackendsWhenTooFewAreAvailable() {
        BackendPool pool = Pools.pool(Algorithm.ROUND_ROBIN, "client-ip", Pools.equalWeights(4), Duration.ZERO,
                Pools.outlier(1, 100));
        for (int i = 0; i < 3; i++) {
            pool.recordFailure(pool.backends().get(i));
        }
        assertThat(pool.panicking()).isTrue();
        Set<Backend> picked = new java.util.HashSet<>();
        for (int i = 0; i < 8; i++) {
            Backend backend = Pools.pickOnce(pool, FACTS, Set.of());
            picked.add(backend);
        }
        assertThat(picked).hasSize(4);
        assertThat(pool.panicPicks()).isEqualTo(8);
    }

    @Test
    void healthFollowsRiseAndFall() {
        ActiveHealth health = new ActiveHealth(2, 3);
        assertThat(health.record(false)).isEqualTo(ActiveHealth.Transition.NONE);
        assertThat(health.record(false)).isEqualTo(ActiveHealth.Transition.NONE);
        assertThat(health.record(false)).isEqualTo(ActiveHealth.Transition.BECAME_UNHEALTHY);
        assertThat(health.healthy()).isFalse();
        assertThat(health.record(true)).isEqualTo(ActiveHealth.Transition.NONE);
        assertThat(health.record(false)).isEqualTo(ActiveHealth.Transition.NONE);
        assertThat(health.record(true)).isEqualTo(ActiveHealth.Transition.NONE);
        assertThat(health.record(true)).isEqualTo(ActiveHealth.Transition.BECAME_HEALTHY);
        assertThat(health.healthy()).isTrue();
    }

    @Test
    void slowStartRampsTheShareFromATenthToWhole() {
        BackendPool pool = Pools.pool(Algorithm.ROUND_ROBIN, "client-ip", Pools.equalWeights(2), Duration.ofSeconds(10),
                Pools.outlier(5, 50));
        Backend backend = pool.backends().get(0);
        long window = Duration.ofSeconds(10).toNanos();
        assertThat(backend.warmupShare(0, window)).as("never recovered: full share").isEqualTo(1.0);
        backend.startWarmup(1_000);
        assertThat(backend.warmupShare(1_000, window)).isEqualTo(0.1);
        assertThat(backend.warmupShare(1_000 + window / 2, window)).isEqualTo(0.5);
        assertThat(backend.warmupShare(1_000 + window, window)).isEqualTo(1.0);
    }

    @Test
    void slowStartGivesAWarmingBackendASmallerShare() {
        BackendPool pool = Pools.pool(Algorithm.ROUND_ROBIN, "client-ip", Pools.equalWeights(2), Duration.ofHours(1),
                Pools.outlier(5, 50));
        Backend warming = pool.backends().get(0);
        warming.startWarmup(System.nanoTime());
        int toWarming = 0;
        for (int i = 0; i < 1_100; i++) {
            Backend picked = Pools.pickOnce(pool, FACTS, Set.of());
            if (picked == warming) {
                toWarming++;
            }
        }
        assertThat(toWarming).isBetween(90, 110);
    }

    @Test
    void retryBudgetAllowsTheFloorThenAShareOfTraffic() {
        RetryBudget budget = new RetryBudget(20, 2);
        assertThat(budget.tryAcquire(0)).isTrue();
        assertThat(budget.tryAcquire(0)).isTrue();
        assertThat(budget.tryAcquire(0)).isFalse();
        assertThat(budget.tryAcquire(20)).isTrue();
        assertThat(budget.tryAcquire(20)).isTrue();
        assertThat(budget.tryAcquire(20)).isFalse();
        budget.release();
        assertThat(budget.tryAcquire(20)).isTrue();
    }
}
