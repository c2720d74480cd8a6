package io.frontdesk.shield;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * The order in which idle connections are given up: one at a time from the client that holds
 * the most connections at that point, busy ones included, so the biggest holders shrink first
 * and towards each other; each client's longest-idle connection first, and between clients
 * holding as many, the connection idle longest.
 */
final class ReclaimOrder {

    private ReclaimOrder() {
    }

    /**
     * @param idle the idle connections
     * @param client who holds a connection
     * @param idleSince since when a connection is idle, in {@link System#nanoTime()} terms
     * @param held how many connections a client holds, idle or not
     */
    static <T> List<T> of(Collection<T> idle, Function<T, String> client, ToLongFunction<T> idleSince,
            ToIntFunction<String> held) {
        Comparator<T> longestIdleFirst = (one, other) -> Long.signum(idleSince.applyAsLong(one)
                - idleSince.applyAsLong(other));
        Map<String, List<T>> byClient = new HashMap<>();
        for (T connection : idle) {
            byClient.computeIfAbsent(client.apply(connection), key -> new ArrayList<>()).add(connection);
        }
        PriorityQueue<Holder<T>> holders = new PriorityQueue<>(Comparator.<Holder<T>>comparingInt(Holder::held)
                .reversed().thenComparing(Holder::next, longestIdleFirst));
        byClient.forEach((name, connections) -> {
            connections.sort(longestIdleFirst);
            holders.add(new Holder<>(connections, Math.max(held.applyAsInt(name), connections.size()), 0));
        });
        List<T> order = new ArrayList<>(idle.size());
        while (!holders.isEmpty()) {
            Holder<T> biggest = holders.poll();
            order.add(biggest.next());
            if (biggest.position() + 1 < biggest.connections().size()) {
                holders.add(new Holder<>(biggest.connections(), biggest.held() - 1, biggest.position() + 1));
            }
        }
        return order;
    }

    private record Holder<T>(List<T> connections, int held, int position) {

        T next() {
            return connections.get(position);
        }
    }
}
