package io.frontdesk.shield;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Which idle connections go first: the biggest holders', longest-idle first. */
class ReclaimOrderTest {

    private record Connection(String client, long idleSince) {
    }

    private static List<String> order(List<Connection> idle, Map<String, Integer> held) {
        return ReclaimOrder.of(idle, Connection::client, Connection::idleSince, held::get).stream()
                .map(connection -> connection.client() + "@" + connection.idleSince()).toList();
    }

    @Test
    void theBiggestHolderLosesIdleConnectionsUntilItIsNoBiggerThanTheNext() {
        List<Connection> idle = List.of(new Connection("flood", 30), new Connection("flood", 10),
                new Connection("flood", 20), new Connection("flood", 40), new Connection("browser", 5),
                new Connection("office", 7), new Connection("office", 8));
        // flood holds 5 (one busy), office 3, browser 1.
        assertThat(order(idle, Map.of("flood", 5, "office", 3, "browser", 1))).containsExactly(
                "flood@10", "flood@20",
                // both hold 3 now: the connection idle longest first
                "office@7", "flood@30",
                // office 2, flood 2
                "office@8", "flood@40",
                "browser@5");
    }

    @Test
    void eachClientsLongestIdleConnectionGoesFirstWhateverTheClock() {
        long start = Long.MAX_VALUE - 5;
        List<Connection> idle = List.of(new Connection("a", start + 10), new Connection("a", start));
        assertThat(order(idle, Map.of("a", 2))).containsExactly("a@" + start, "a@" + (start + 10));
    }

    @Test
    void nothingIdleNothingToReclaim() {
        assertThat(order(List.of(), Map.of())).isEmpty();
    }
}
