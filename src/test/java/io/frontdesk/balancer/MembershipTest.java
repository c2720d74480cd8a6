package io.frontdesk.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.frontdesk.config.PoolProperties.Algorithm;

/** Members that change while the pool runs: state kept, newcomers warmed up, leavers drained. */
class MembershipTest {

    private static final Pools.Facts NO_KEY = new Pools.Facts("192.0.2.1", null);

    @Test
    void aBackendThatStaysKeepsItsStateAndOneThatLeavesTakesNoNewRequestsButFinishesItsOwn() {
        BackendPool pool = Pools.pool(Algorithm.ROUND_ROBIN, "client-ip", Pools.equalWeights(3));
        Backend staying = pool.backends().get(0);
        Backend leaving = pool.backends().get(2);
        staying.outlier().recordFailure();
        pool.recordLatency(staying, 5_000_000);
        staying.acquire();
        leaving.acquire();

        pool.replaceMembers(List.of(uri(1), uri(2), uri(4)), Instant.now());

        assertThat(pool.backends()).hasSize(3).startsWith(staying);
        assertThat(staying.inFlight()).isEqualTo(1);
        assertThat(staying.latency().sampled()).isTrue();
        assertThat(pool.inFlight()).isEqualTo(2);
        for (int i = 0; i < 30; i++) {
            Backend picked = Pools.pickOnce(pool, NO_KEY, Set.of());
            assertThat(picked).isNotSameAs(leaving);
        }
        leaving.release();
        staying.release();
        assertThat(pool.inFlight()).isZero();
        assertThat(leaving.inFlight()).isZero();
    }

    @Test
    void aLeaseGivesItsSlotBackOnceAlsoAfterItsBackendLeft() {
        BackendPool pool = Pools.pool(Algorithm.ROUND_ROBIN, "client-ip", Pools.equalWeights(2));
        BackendLease lease = pool.pick(NO_KEY, Set.of());
        pool.replaceMembers(List.of(uri(3)), Instant.now());
        assertThat(lease.backend().inFlight()).isEqualTo(1);
        lease.release();
        lease.release();
        assertThat(lease.backend().inFlight()).isZero();
        assertThat(pool.inFlight()).isZero();
    }

    @Test
    void aNewcomerRampsUpThroughSlowStart() {
        BackendPool pool = Pools.pool(Algorithm.WEIGHTED_ROUND_ROBIN, "client-ip", Pools.equalWeights(2),
                Duration.ofMinutes(1), Pools.outlier(5, 50));
        pool.replaceMembers(List.of(uri(1), uri(2), uri(3)), Instant.now());
        Backend newcomer = pool.backends().get(2);
        assertThat(pool.warmupShare(newcomer)).isLessThan(0.2);
        assertThat(pool.warmupShare(pool.backends().get(0))).isEqualTo(1);
        Map<Backend, Integer> picks = new HashMap<>();
        for (int i = 0; i < 210; i++) {
            Backend picked = Pools.pickOnce(pool, NO_KEY, Set.of());
            picks.merge(picked, 1, Integer::sum);
        }
        assertThat(picks.getOrDefault(newcomer, 0)).as("picks of the newcomer at a tenth of its weight")
                .isBetween(5, 15);
    }

    @Test
    void aNewcomerUnderActiveChecksWaitsForItsFirstProbe() {
        ActiveHealth passes = ActiveHealth.unchecked(2, 3);
        assertThat(passes.healthy()).isFalse();
        assertThat(passes.record(true)).isEqualTo(ActiveHealth.Transition.BECAME_HEALTHY);

        ActiveHealth fails = ActiveHealth.unchecked(2, 3);
        assertThat(fails.record(false)).isEqualTo(ActiveHealth.Transition.NONE);
        assertThat(fails.record(true)).isEqualTo(ActiveHealth.Transition.NONE);
        assertThat(fails.record(true)).as("after a failed first probe, rise applies")
                .isEqualTo(ActiveHealth.Transition.BECAME_HEALTHY);
    }

    @Test
    void anEmptyPoolIsFilledAtFullWeightAndAnsweredWithNothingBefore() {
        BackendPool pool = Pools.pool(Algorithm.ROUND_ROBIN, "client-ip", Pools.equalWeights(1),
                Duration.ofMinutes(1), Pools.outlier(5, 50));
        pool.replaceMembers(List.of(), Instant.now());
        assertThat(pool.pick(NO_KEY, Set.of())).isNull();
        assertThat(pool.panicking()).isFalse();

        pool.replaceMembers(List.of(uri(1), uri(2)), Instant.now());
        assertThat(pool.backends()).allSatisfy(backend -> assertThat(pool.warmupShare(backend)).isEqualTo(1));
    }

    @Test
    void listenersHearOfTheCurrentMembersThenOfEachChange() {
        BackendPool pool = Pools.pool(Algorithm.ROUND_ROBIN, "client-ip", Pools.equalWeights(2));
        List<String> heard = new ArrayList<>();
        pool.watchMembers((changed, added, removed) -> heard.add(ids(added) + " -" + ids(removed)));
        pool.replaceMembers(List.of(uri(2), uri(3)), Instant.now());
        pool.replaceMembers(List.of(uri(2), uri(3)), Instant.now());
        assertThat(heard).containsExactly("[10.0.0.1:8080, 10.0.0.2:8080] -[]", "[10.0.0.3:8080] -[10.0.0.1:8080]");
        assertThat(pool.membershipStatus()).extracting(MembershipStatus::source, MembershipStatus::stale)
                .containsExactly("static", false);
        pool.markStale();
        assertThat(pool.membershipStatus().stale()).isTrue();
        assertThat(pool.membershipStatus().lastRefresh()).isNotNull();
    }

    private static URI uri(int host) {
        return URI.create("http://10.0.0." + host + ":8080");
    }

    private static List<String> ids(List<Backend> backends) {
        return backends.stream().map(Backend::id).toList();
    }
}
