package io.frontdesk.shield;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.frontdesk.redis.RedisAvailability;
import io.frontdesk.redis.RedisLink;
import io.frontdesk.redis.RedisScript;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import reactor.core.publisher.Mono;

/**
 * A limit whose budget all replicas share, kept in Redis: one script per decision applies GCRA
 * to the key's TAT atomically, on Redis's clock. A local bucket with the same budget stands in
 * front: what it refuses the cluster would refuse too (one replica cannot see more of a key's
 * requests than all of them), so floods are turned away without a Redis call. When Redis cannot
 * answer, the fallback decides: a local bucket with the budget divided among the replicas, or
 * nothing (fail open).
 */
final class ClusterLimiter implements Limiter {

    private static final RedisScript GCRA = new RedisScript("""
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
            local interval = tonumber(ARGV[1])
            local capacity = interval * tonumber(ARGV[2])
            local tat = tonumber(redis.call('GET', KEYS[1])) or now
            if tat < now then tat = now end
            local new_tat = tat + interval
            local allow_at = new_tat - capacity
            if now < allow_at then
              return {0, 0, tat - now, allow_at - now}
            end
            redis.call('SET', KEYS[1], new_tat, 'PX', math.ceil((new_tat - now) / 1000))
            return {1, math.floor((capacity - (new_tat - now)) / interval), new_tat - now, 0}
            """);

    private static final long NANOS_PER_MICRO = 1000;

    private final RateLimit limit;
    private final RedisAvailability availability = new RedisAvailability(System::currentTimeMillis);
    private final LocalLimiter front;
    private final LocalLimiter fallback;
    private final RedisLink redis;
    private final String keyPrefix;
    private final RateLimitMetrics metrics;
    private final byte[] intervalMicros;
    private final byte[] burst;

    /** @param fallback decides while Redis cannot; {@code null} lets every request through then */
    ClusterLimiter(RateLimit limit, LocalLimiter front, LocalLimiter fallback, RedisLink redis, String keyPrefix,
            RateLimitMetrics metrics) {
        this.limit = limit;
        this.front = front;
        this.fallback = fallback;
        this.redis = redis;
        this.keyPrefix = keyPrefix + limit.name() + ':';
        this.metrics = metrics;
        this.intervalMicros = ascii(Math.max(1, limit.intervalNanos() / 1000));
        this.burst = ascii(limit.burst());
    }

    @Override
    public RateLimit limit() {
        return limit;
    }

    @Override
    public Mono<Decision> acquire(String key) {
        Decision local = front.decide(key);
        if (!local.allowed()) {
            return Mono.just(local);
        }
        RedisReactiveCommands<String, byte[]> commands = redis.commands();
        if (commands == null || !redis.connected() || !availability.worthTrying()) {
            return Mono.fromSupplier(() -> withoutRedis(key));
        }
        String[] keys = {keyPrefix + key};
        return GCRA.<List<Object>>run(commands, ScriptOutputType.MULTI, keys, intervalMicros, burst)
                .next().map(reply -> {
                    availability.succeeded();
                    return decision(reply);
                }).onErrorResume(error -> {
                    availability.failed("rate limit", error);
                    return Mono.fromSupplier(() -> withoutRedis(key));
                });
    }

    private Decision withoutRedis(String key) {
        metrics.redisUnavailable(limit.name());
        return fallback == null ? new Decision(true, limit.burst(), 0, 0) : fallback.decide(key);
    }

    /** The script's answer: allowed (1 or 0), remaining, reset and retry-after in microseconds. */
    private static Decision decision(List<Object> reply) {
        return new Decision((Long) reply.get(0) == 1, (Long) reply.get(1), (Long) reply.get(2) * NANOS_PER_MICRO,
                (Long) reply.get(3) * NANOS_PER_MICRO);
    }

    @Override
    public void refund(String key) {
        front.refund(key);
    }

    private static byte[] ascii(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }
}
