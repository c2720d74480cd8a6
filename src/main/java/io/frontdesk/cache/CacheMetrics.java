package io.frontdesk.cache;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The cache's meters; counters by route are looked up once per route and outcome. */
final class CacheMetrics {

    /** How a request on a caching route was answered. */
    enum Result {
        /** From the cache, fresh (or stale within what the client allows). */
        HIT,
        /** From the backend; the response may have been stored. */
        MISS,
        /** From the cache although stale: while it is refreshed, or because the backend failed. */
        STALE,
        /** From the cache after the backend confirmed it with 304. */
        REVALIDATED
    }

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Counter evictions;

    CacheMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.evictions = Counter.builder("frontdesk.cache.evictions")
                .description("Entries the memory tier evicted to stay within its size").register(registry);
    }

    void result(String route, Result result) {
        counter("frontdesk.cache.requests", "requests on caching routes by how they were answered", route,
                "result", result.name().toLowerCase(Locale.ROOT)).increment();
    }

    void revalidation(String route, String outcome) {
        counter("frontdesk.cache.revalidations", "conditional requests sent to refresh stale entries", route,
                "outcome", outcome).increment();
    }

    void coalesced(String route) {
        counter("frontdesk.cache.coalesced", "requests that waited for another's backend response", route, null,
                null).increment();
    }

    void stored(String route) {
        counter("frontdesk.cache.stores", "responses stored", route, null, null).increment();
    }

    void redisError(String operation) {
        counter("frontdesk.cache.redis.errors", "operations on the Redis tier that failed", null, "operation",
                operation).increment();
    }

    void eviction() {
        evictions.increment();
    }

    private Counter counter(String name, String description, String route, String tag, String value) {
        String id = name + '\n' + route + '\n' + value;
        return counters.computeIfAbsent(id, key -> {
            Counter.Builder builder = Counter.builder(name).description(description);
            if (route != null) {
                builder.tag("route", route);
            }
            if (tag != null) {
                builder.tag(tag, value);
            }
            return builder.register(registry);
        });
    }
}
