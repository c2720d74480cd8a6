package io.frontdesk.shield;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code frontdesk_ratelimit_requests_total{route, limit, decision}}: every decision, counted;
 * {@code frontdesk_ratelimit_redis_unavailable_total{limit}}: cluster decisions made without Redis.
 */
final class RateLimitMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    RateLimitMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void redisUnavailable(String limit) {
        counters.computeIfAbsent("redis\n" + limit, id -> Counter.builder("frontdesk.ratelimit.redis.unavailable")
                .description("Cluster rate limit decisions made by the fallback because Redis could not answer")
                .tag("limit", limit).register(registry)).increment();
    }

    void decided(String route, String limit, boolean allowed) {
        String decision = allowed ? "allowed" : "limited";
        counters.computeIfAbsent(route + '\n' + limit + '\n' + decision,
                id -> Counter.builder("frontdesk.ratelimit.requests")
                        .description("Rate limit decisions, by route, limit and outcome")
                        .tag("route", route).tag("limit", limit).tag("decision", decision).register(registry))
                .increment();
    }
}
