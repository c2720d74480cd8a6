package io.frontdesk.cache;

import java.util.Set;

import reactor.core.publisher.Mono;

/**
 * The tier every replica shares. Its failures never reach a client: a lookup that fails finds
 * nothing, a store that fails is dropped; both are counted.
 */
interface SharedTier {

    /** A shared entry and the epoch millisecond until which it is worth keeping. */
    record Entry(Stored value, long keepUntil) {
    }

    /** The entry under a key; empty when there is none or the tier cannot answer. */
    Mono<Entry> get(String key);

    /** Stores an entry for {@code keepMillis} under its key and index tags; does not wait. */
    void put(String key, Stored value, long keepMillis, Set<String> tags);

    /**
     * Removes what the purge names from the shared store and tells every other replica to
     * remove it from theirs; how many shared entries went.
     */
    Mono<Long> purge(Purge purge);

    /** No shared tier: each replica has its memory alone. */
    SharedTier NONE = new SharedTier() {

        @Override
        public Mono<Entry> get(String key) {
            return Mono.empty();
        }

        @Override
        public void put(String key, Stored value, long keepMillis, Set<String> tags) {
        }

        @Override
        public Mono<Long> purge(Purge purge) {
            return Mono.just(0L);
        }
    };
}
