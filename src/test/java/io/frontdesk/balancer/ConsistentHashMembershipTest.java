package io.frontdesk.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.frontdesk.config.PoolProperties.Algorithm;

/**
 * Consistent hashing as members come and go (Maglev's minimal disruption): a leaver's keys
 * spread over the others while theirs stay put, a newcomer takes its share from everyone, and the
 * order a discovery source lists the members in does not matter.
 */
class ConsistentHashMembershipTest {

    private static final int KEYS = 10_000;
    private static final int MEMBERS = 5;

    @Test
    void whenAnyOfFiveLeavesOnlyItsKeysMoveAndTheyMoveToEveryoneElse() {
        for (int leaver = 1; leaver <= MEMBERS; leaver++) {
            BackendPool pool = pool();
            Map<String, String> before = placement(pool);
            List<URI> rest = new ArrayList<>();
            for (int host = 1; host <= MEMBERS; host++) {
                if (host != leaver) {
                    rest.add(uri(host));
                }
            }
            pool.replaceMembers(rest, Instant.now());
            Map<String, String> after = placement(pool);

            String leaverId = id(leaver);
            long leaversKeys = before.values().stream().filter(leaverId::equals).count();
            long movedOthers = before.keySet().stream()
                    .filter(key -> !before.get(key).equals(leaverId) && !before.get(key).equals(after.get(key)))
                    .count();
            assertThat((double) leaversKeys / KEYS).as("share of member %d", leaver).isBetween(0.15, 0.25);
            assertThat((double) movedOthers / KEYS).as("keys of the four that stay moved when %d left", leaver)
                    .isLessThanOrEqualTo(0.005);
            Map<String, Long> inheritors = new HashMap<>();
            before.keySet().stream().filter(key -> before.get(key).equals(leaverId))
                    .forEach(key -> inheritors.merge(after.get(key), 1L, Long::sum));
            assertThat(inheritors).as("who takes the keys of %d", leaver).hasSize(MEMBERS - 1)
                    .allSatisfy((id, count) -> assertThat(count).isGreaterThan(leaversKeys / 8));
        }
    }

    @Test
    void aSixthMemberTakesAboutASixthOfTheKeysFromTheOthersAndNothingElseMoves() {
        BackendPool pool = pool();
        Map<String, String> before = placement(pool);
        List<URI> six = new ArrayList<>(uris());
        six.add(uri(6));
        pool.replaceMembers(six, Instant.now());
        Map<String, String> after = placement(pool);

        long moved = moved(before, after);
        long toNewcomer = after.values().stream().filter(id(6)::equals).count();
        assertThat((double) toNewcomer / KEYS).as("share of the newcomer").isBetween(0.13, 0.20);
        assertThat((double) (moved - toNewcomer) / KEYS).as("moved to anyone but the newcomer")
                .isLessThanOrEqualTo(0.005);
    }

    @Test
    void theSameMembersListedInAnotherOrderKeepEveryKey() {
        BackendPool pool = pool();
        Map<String, String> before = placement(pool);
        pool.replaceMembers(List.of(uri(3), uri(4), uri(5), uri(1), uri(2)), Instant.now());
        assertThat(moved(before, placement(pool))).isZero();
    }

    @Test
    void aLeaverThatComesBackGetsItsKeysBack() {
        BackendPool pool = pool();
        Map<String, String> before = placement(pool);
        pool.replaceMembers(List.of(uri(1), uri(2), uri(4), uri(5)), Instant.now());
        pool.replaceMembers(List.of(uri(1), uri(2), uri(4), uri(5), uri(3)), Instant.now());
        assertThat(moved(before, placement(pool))).isZero();
    }

    private static BackendPool pool() {
        return Pools.pool(Algorithm.CONSISTENT_HASH, "header:X-User", Pools.equalWeights(MEMBERS));
    }

    private static List<URI> uris() {
        List<URI> uris = new ArrayList<>();
        for (int host = 1; host <= MEMBERS; host++) {
            uris.add(uri(host));
        }
        return uris;
    }

    private static Map<String, String> placement(BackendPool pool) {
        Map<String, String> placed = new HashMap<>();
        for (int i = 0; i < KEYS; i++) {
            Backend picked = Pools.pickOnce(pool, new Pools.Facts(null, "user-" + i), Set.of());
            placed.put("user-" + i, picked.id());
        }
        return placed;
    }

    private static long moved(Map<String, String> before, Map<String, String> after) {
        return before.keySet().stream().filter(key -> !before.get(key).equals(after.get(key))).count();
    }

    private static URI uri(int host) {
        return URI.create("http://10.0.0." + host + ":8080");
    }

    private static String id(int host) {
        return "10.0.0." + host + ":8080";
    }
}
