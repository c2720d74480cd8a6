package io.frontdesk.cache;

import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Request coalescing: of concurrent misses for one key, the first goes to the backend and the
 * others wait until it is done, then look in the cache again.
 */
final class Coalescer {

    private final ConcurrentHashMap<String, Sinks.Empty<Void>> inFlight = new ConcurrentHashMap<>();

    /** Either the lead of a new flight (the caller must {@link Flight#land()} it) or a wait for the current one. */
    Flight board(String key) {
        Sinks.Empty<Void> mine = Sinks.empty();
        Sinks.Empty<Void> current = inFlight.putIfAbsent(key, mine);
        return current == null ? new Flight(key, mine, true) : new Flight(key, current, false);
    }

    final class Flight {

        private final String key;
        private final Sinks.Empty<Void> done;
        private final boolean leader;

        private Flight(String key, Sinks.Empty<Void> done, boolean leader) {
            this.key = key;
            this.done = done;
            this.leader = leader;
        }

        boolean leader() {
            return leader;
        }

        /** Completes when the leader lands. */
        Mono<Void> landed() {
            return done.asMono();
        }

        /** The leader is done: its response is stored, or will not be. */
        void land() {
            if (leader && inFlight.remove(key, done)) {
                done.tryEmitEmpty();
            }
        }
    }
}
