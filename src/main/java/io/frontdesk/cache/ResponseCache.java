package io.frontdesk.cache;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

import org.springframework.http.HttpHeaders;

import reactor.core.publisher.Mono;

/**
 * The stored responses of every caching route, in two tiers: this process's memory, then the
 * tier shared by all replicas (when there is one), whose finds are copied into memory. Lookup
 * goes through Vary; storage gets a lifetime that covers every later use (fresh, stale serving,
 * revalidation) and index tags for purging.
 */
final class ResponseCache {

    /** How long a response with validators is kept past its freshness, for revalidation. */
    private static final long MIN_VALIDATION_WINDOW = 10 * 60_000L;
    private static final long MAX_VALIDATION_WINDOW = 24 * 3_600_000L;

    private final MemoryTier memory;
    private final SharedTier shared;
    private final String tagHeader;
    private final LongSupplier clock;

    ResponseCache(MemoryTier memory, SharedTier shared, String tagHeader, LongSupplier clock) {
        this.memory = memory;
        this.shared = shared;
        this.tagHeader = tagHeader;
        this.clock = clock;
    }

    /** The outcome of a lookup: the response found, or why none was. */
    record Lookup(StoredResponse response, String missReason) {

        private static final Mono<Lookup> URI_MISS = Mono.just(new Lookup(null, "uri-miss"));
        private static final Mono<Lookup> VARY_MISS = Mono.just(new Lookup(null, "vary-miss"));

        static Mono<Lookup> found(StoredResponse response) {
            return Mono.just(new Lookup(response, null));
        }
    }

    Mono<Lookup> lookup(String primaryKey, HttpHeaders request) {
        Stored stored = memory.get(primaryKey);
        if (stored instanceof StoredResponse response) {
            return Lookup.found(response);
        }
        if (stored instanceof VaryRule rule) {
            return variant(primaryKey, rule, request);
        }
        return shared.get(primaryKey).flatMap(entry -> {
            promote(primaryKey, entry);
            return entry.value() instanceof VaryRule rule ? variant(primaryKey, rule, request)
                    : Lookup.found((StoredResponse) entry.value());
        }).switchIfEmpty(Lookup.URI_MISS);
    }

    private Mono<Lookup> variant(String primaryKey, VaryRule rule, HttpHeaders request) {
        String key = rule.variantKey(primaryKey, request);
        if (memory.get(key) instanceof StoredResponse response) {
            return Lookup.found(response);
        }
        return shared.get(key).filter(entry -> entry.value() instanceof StoredResponse).flatMap(entry -> {
            promote(key, entry);
            return Lookup.found((StoredResponse) entry.value());
        }).switchIfEmpty(Lookup.VARY_MISS);
    }

    private void promote(String key, SharedTier.Entry entry) {
        long keep = entry.keepUntil() - clock.getAsLong();
        if (keep > 0) {
            memory.put(key, entry.value(), keep, tags(key, entry.value()));
        }
    }

    void store(String primaryKey, HttpHeaders request, StoredResponse response, CachePolicy policy, long now) {
        List<String> vary = VaryRule.namesOf(response.headers());
        String key = primaryKey;
        if (!vary.isEmpty()) {
            VaryRule rule = new VaryRule(vary);
            put(primaryKey, rule, MAX_VALIDATION_WINDOW);
            key = rule.variantKey(primaryKey, request);
        }
        StoredResponse kept = response.part() == null ? response : withHeldParts(key, response);
        if (kept != null) {
            put(key, kept, keepMillis(kept, policy, now));
        }
    }

    /**
     * A part combined with the part of the same representation this process holds (RFC 9111
     * section 3.4); it replaces a part of another one, and never a complete response, which is
     * worth more ({@code null} then). Concurrent parts may miss each other: one of them is then
     * fetched again later, nothing worse.
     */
    private StoredResponse withHeldParts(String key, StoredResponse part) {
        if (!(memory.get(key) instanceof StoredResponse held)) {
            return part;
        }
        if (held.part() == null) {
            return null;
        }
        return held.samePartAs(part) ? held.combinedWith(part) : part;
    }

    private void put(String key, Stored value, long keepMillis) {
        Set<String> tags = tags(key, value);
        memory.put(key, value, keepMillis, tags);
        shared.put(key, value, keepMillis, tags);
    }

    /**
     * Unsafe requests invalidate what is stored for their URL (RFC 9111 section 4.4), on every
     * replica. Completes once done, or once the shared tier has failed: a failure is counted and
     * never stops the response.
     */
    Mono<Void> invalidate(String url) {
        return purge(Purge.url(url)).then();
    }

    /** Removes what the purge names from both tiers, and from every replica's memory. */
    Mono<PurgeResult> purge(Purge purge) {
        long fromMemory = purge.applyTo(memory);
        return shared.purge(purge).map(fromShared -> new PurgeResult(fromMemory, fromShared, null))
                .onErrorResume(error -> Mono.just(new PurgeResult(fromMemory, 0, error.getMessage())));
    }

    /** How many entries a purge removed from each tier, and why the shared tier could not take part. */
    record PurgeResult(long memory, long shared, String sharedError) {
    }

    private static long keepMillis(StoredResponse response, CachePolicy policy, long now) {
        long fresh = Math.max(0, response.timeToLive(now));
        long staleUse = response.forbidsStale() ? 0
                : Math.max(response.staleWhileRevalidate(policy), response.staleIfError(policy));
        long validation = response.hasValidators()
                ? Math.min(MAX_VALIDATION_WINDOW, Math.max(MIN_VALIDATION_WINDOW, response.freshnessLifetime()))
                : 0;
        return Math.max(1000, fresh + Math.max(staleUse, validation));
    }

    /** The index tags of an entry: its URL, and the tags its response carries. */
    private Set<String> tags(String key, Stored value) {
        Set<String> tags = new LinkedHashSet<>();
        tags.add(Purge.urlTag(CacheKeys.urlOf(key)));
        if (value instanceof StoredResponse response) {
            List<String> values = response.headers().get(tagHeader);
            if (values != null) {
                for (String header : values) {
                    for (String tag : header.split("[,\\s]+")) {
                        if (!tag.isEmpty()) {
                            tags.add(Purge.responseTag(tag));
                        }
                    }
                }
            }
        }
        return tags;
    }
}
