package io.frontdesk.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.frontdesk.config.PoolProperties.Algorithm;

class AlgorithmTest {

    private static final Pools.Facts NO_KEY = new Pools.Facts("192.0.2.1", null);

    @Test
    void roundRobinVisitsEveryBackendInTurn() {
        BackendPool pool = Pools.pool(Algorithm.ROUND_ROBIN, "client-ip", new int[] {1, 1, 5});
        List<Backend> backends = pool.backends();
        for (int i = 0; i < 30; i++) {
            Backend picked = Pools.pickOnce(pool, NO_KEY, Set.of());
            assertThat(picked).isSameAs(backends.get(i % 3));
        }
    }

    @Test
    void smoothWeightedRoundRobinInterleavesLikeNginx() {
        BackendPool pool = Pools.pool(Algorithm.WEIGHTED_ROUND_ROBIN, "client-ip", new int[] {5, 1, 1});
        StringBuilder order = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            Backend picked = Pools.pickOnce(pool, NO_KEY, Set.of());
            order.append((char) ('a' + pool.backends().indexOf(picked)));
        }
        assertThat(order).hasToString("aabacaa");
    }

    @Test
    void triedBackendsAreAvoided() {
        for (Algorithm algorithm : Algorithm.values()) {
            BackendPool pool = Pools.pool(algorithm, "header:X-User", Pools.equalWeights(3));
            Set<Backend> tried = Set.of(pool.backends().get(0), pool.backends().get(1));
            for (int i = 0; i < 20; i++) {
                Backend picked = Pools.pickOnce(pool, new Pools.Facts("192.0.2.1", "user-" + i), tried);
                assertThat(picked).as(algorithm.name()).isSameAs(pool.backends().get(2));
            }
            assertThat(pool.pick(NO_KEY, Set.copyOf(pool.backends()))).as(algorithm.name()).isNull();
        }
    }

    @Test
    void leastRequestsPrefersTheLessBusyBackend() {
        BackendPool pool = Pools.pool(Algorithm.LEAST_REQUESTS, "client-ip", Pools.equalWeights(2));
        Backend busy = pool.backends().get(0);
        for (int i = 0; i < 10; i++) {
            busy.acquire();
        }
        Map<Backend, Integer> picks = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            Backend picked = Pools.pickOnce(pool, NO_KEY, Set.of());
            picks.merge(picked, 1, Integer::sum);
        }
        assertThat(picks.getOrDefault(busy, 0)).isZero();
    }

    @Test
    void consistentHashKeepsKeysInPlaceWhenOneOfTenBackendsLeaves() {
        BackendPool ten = Pools.pool(Algorithm.CONSISTENT_HASH, "header:X-User", Pools.equalWeights(10));
        BackendPool nine = Pools.pool(Algorithm.CONSISTENT_HASH, "header:X-User", Pools.equalWeights(9));
        int keys = 20_000;
        int stayed = 0;
        int movable = 0;
        Map<String, Integer> perBackend = new HashMap<>();
        for (int i = 0; i < keys; i++) {
            Pools.Facts facts = new Pools.Facts(null, "user-" + i);
            String before = pickId(ten, facts);
            String after = pickId(nine, facts);
            perBackend.merge(before, 1, Integer::sum);
            if (!before.equals("10.0.0.10:8080")) {
                movable++;
                if (before.equals(after)) {
                    stayed++;
                }
            }
        }
        assertThat((double) stayed / movable).as("share of keys kept by the remaining backends")
                .isGreaterThanOrEqualTo(0.95);
        assertThat(perBackend.values()).allSatisfy(count -> assertThat(count).isBetween(keys / 10 * 8 / 10,
                keys / 10 * 12 / 10));
    }

    @Test
    void consistentHashIsStableForOneKeyAndSpreadsKeylessRequests() {
        BackendPool pool = Pools.pool(Algorithm.CONSISTENT_HASH, "client-ip", Pools.equalWeights(4));
        String first = pickId(pool, new Pools.Facts("198.51.100.7", null));
        for (int i = 0; i < 50; i++) {
            assertThat(pickId(pool, new Pools.Facts("198.51.100.7", null))).isEqualTo(first);
        }
        Set<String> keyless = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            keyless.add(pickId(pool, new Pools.Facts(null, null)));
        }
        assertThat(keyless).hasSize(4);
    }

    private static String pickId(BackendPool pool, RequestFacts facts) {
        Backend picked = Pools.pickOnce(pool, facts, Set.of());
        return picked.id();
    }
}
