package io.frontdesk.cache;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;

import reactor.core.publisher.Mono;

/**
 * The cache's health: {@code DEGRADED} while its Redis tier cannot be used, judged by a PING.
 * Requests are still answered (from memory and the backends), so this is not a reason to take the
 * replica out of service: the status maps to HTTP 200 and stays out of the readiness group.
 */
final class CacheHealthIndicator implements ReactiveHealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "the Redis cache tier cannot be used");

    private final RedisTier redis;

    CacheHealthIndicator(RedisTier redis) {
        this.redis = redis;
    }

    @Override
    public Mono<Health> health() {
        return redis.probe().map(answers -> {
            Health.Builder health = answers && !redis.degraded() ? Health.up()
                    : Health.status(DEGRADED).withDetail("problem", String.valueOf(redis.problem()));
            return health.withDetail("redis", redis.where()).build();
        });
    }
}
