package io.frontdesk.shield;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import reactor.core.publisher.Mono;

/**
 * The buckets of one limit in this process: a theoretical arrival time per key, updated by
 * compare-and-set, so a decision never waits. A bucket untouched for as long as it takes to
 * refill is the same as a new one, so it is dropped then. Untouched, not unwritten: the TAT
 * changes inside the entry, so the cache sees no write after the first. A cap on the number of
 * keys bounds memory during floods from many addresses (a dropped key starts with a full bucket).
 */
final class LocalLimiter implements Limiter {

    private static final long MAX_KEYS = 1_000_000;

    private final RateLimit limit;
    private final Cache<String, AtomicLong> buckets;
    private final LongSupplier nanoClock;

    LocalLimiter(RateLimit limit, LongSupplier nanoClock) {
        this.limit = limit;
        this.nanoClock = nanoClock;
        this.buckets = Caffeine.newBuilder().maximumSize(MAX_KEYS).ticker(nanoClock::getAsLong)
                .expireAfterAccess(Duration.ofNanos(limit.intervalNanos() * (limit.burst() + 1))).build();
    }

    @Override
    public RateLimit limit() {
        return limit;
    }

    @Override
    public Mono<Decision> acquire(String key) {
        return Mono.just(decide(key));
    }

    /** The decision for a key, at once. */
    Decision decide(String key) {
        AtomicLong tat = buckets.get(key, k -> new AtomicLong(Long.MIN_VALUE));
        long now = nanoClock.getAsLong();
        while (true) {
            long current = tat.get();
            Gcra.Step step = Gcra.step(current, now, limit.intervalNanos(), limit.burst());
            if (!step.decision().allowed() || tat.compareAndSet(current, step.newTat())) {
                return step.decision();
            }
        }
    }

    @Override
    public void refund(String key) {
        AtomicLong tat = buckets.getIfPresent(key);
        if (tat != null) {
            tat.addAndGet(-limit.intervalNanos());
        }
    }
}
