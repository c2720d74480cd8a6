package io.frontdesk.discovery;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.frontdesk.balancer.BackendPool;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Keeps one pool's members in line with its source. A lookup that fails or finds nobody leaves
 * the members as they were and marks the pool stale. The next lookup comes after the refresh
 * interval, or sooner when the source says its answer ages sooner (a DNS record's TTL), less up
 * to a fifth at random so that gateways started together do not ask together.
 */
final class PoolRefresher {

    private static final Logger log = LoggerFactory.getLogger(PoolRefresher.class);

    private final BackendPool pool;
    private final MemberSource source;
    private final Duration refresh;
    private final Duration lookupTimeout;
    private final Counter successes;
    private final Counter failures;

    PoolRefresher(BackendPool pool, MemberSource source, Duration refresh, Duration lookupTimeout,
            MeterRegistry registry) {
        this.pool = pool;
        this.source = source;
        this.refresh = refresh;
        this.lookupTimeout = lookupTimeout;
        this.successes = refreshes(registry, "success");
        this.failures = refreshes(registry, "failure");
    }

    private Counter refreshes(MeterRegistry registry, String outcome) {
        return Counter.builder("frontdesk.discovery.refreshes").tags("pool", pool.name(), "outcome", outcome)
                .description("Lookups of a pool's members by outcome; a failed one keeps the members it had")
                .register(registry);
    }

    /** Looks up again and again, the first time after {@code firstDelay}, until disposed. */
    Disposable refreshAfter(Duration firstDelay) {
        Mono<Void> round = Mono.defer(this::refresh).flatMap(Mono::delay).then();
        return Mono.delay(firstDelay).thenMany(round.repeat()).subscribe();
    }

    /** One lookup, applied to the pool; gives the time until the next one. */
    Mono<Duration> refresh() {
        return source.lookup()
                .timeout(lookupTimeout)
                .filter(answer -> !answer.members().isEmpty())
                .switchIfEmpty(Mono.error(() -> new NoSuchElementException(source.target() + " names no member")))
                .map(answer -> {
                    boolean wasStale = pool.membershipStatus().stale();
                    pool.replaceMembers(sorted(answer.members()), Instant.now());
                    successes.increment();
                    if (wasStale) {
                        log.info("Pool {}: {} answers again", pool.name(), source.target());
                    }
                    return jittered(answer.maxAge().compareTo(refresh) < 0 ? answer.maxAge() : refresh);
                })
                .onErrorResume(error -> {
                    boolean wasStale = pool.membershipStatus().stale();
                    pool.markStale();
                    failures.increment();
                    if (!wasStale) {
                        log.warn("Pool {}: looking up {} failed ({}); it keeps its {} members until a lookup"
                                + " succeeds", pool.name(), source.target(), error.toString(), pool.backends().size());
                    }
                    return Mono.just(jittered(refresh));
                });
    }

    private static List<URI> sorted(List<URI> members) {
        return members.stream().distinct().sorted(Comparator.comparing(URI::toString)).toList();
    }

    private static Duration jittered(Duration wait) {
        return Duration.ofNanos((long) (wait.toNanos() * (1 - ThreadLocalRandom.current().nextDouble(0.2))));
    }
}
