package io.frontdesk.discovery;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.frontdesk.balancer.BackendPool;
import io.frontdesk.config.PoolProperties.DiscoveryProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Keeps one pool's members in line with the A and AAAA records of its name. A lookup that fails
 * or finds no records leaves the members as they were and marks the pool stale. The next lookup
 * comes after the refresh interval or the answer's TTL, whichever is shorter (but not under a
 * second, unless the interval is), less up to a fifth at random so that gateways started
 * together do not ask together.
 */
final class DnsPoolDiscovery {

    private static final Logger log = LoggerFactory.getLogger(DnsPoolDiscovery.class);
    private static final Duration SHORTEST_TTL = Duration.ofSeconds(1);

    private final BackendPool pool;
    private final DiscoveryProperties target;
    private final DnsLookup dns;
    private final Duration lookupTimeout;
    private final Counter successes;
    private final Counter failures;

    DnsPoolDiscovery(BackendPool pool, DiscoveryProperties target, DnsLookup dns, Duration lookupTimeout,
            MeterRegistry registry) {
        this.pool = pool;
        this.target = target;
        this.dns = dns;
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
        return dns.lookup(target.name())
                .timeout(lookupTimeout)
                .map(answer -> {
                    boolean wasStale = pool.membershipStatus().stale();
                    pool.replaceMembers(members(answer.addresses()), Instant.now());
                    successes.increment();
                    if (wasStale) {
                        log.info("Pool {}: {} answers again", pool.name(), target.name());
                    }
                    return jittered(untilNext(answer.ttl()));
                })
                .onErrorResume(error -> {
                    boolean wasStale = pool.membershipStatus().stale();
                    pool.markStale();
                    failures.increment();
                    if (!wasStale) {
                        log.warn("Pool {}: looking up {} failed ({}); it keeps its {} members until a lookup"
                                + " succeeds", pool.name(), target.name(), error.toString(), pool.backends().size());
                    }
                    return Mono.just(jittered(target.refresh()));
                });
    }

    /** The TTL when shorter than the refresh interval, but not under a second unless the interval is. */
    private Duration untilNext(Duration ttl) {
        Duration wait = ttl.compareTo(SHORTEST_TTL) < 0 ? SHORTEST_TTL : ttl;
        return wait.compareTo(target.refresh()) < 0 ? wait : target.refresh();
    }

    private static Duration jittered(Duration wait) {
        return Duration.ofNanos((long) (wait.toNanos() * (1 - ThreadLocalRandom.current().nextDouble(0.2))));
    }

    private List<URI> members(List<InetAddress> addresses) {
        return addresses.stream().map(this::uri).distinct().sorted(Comparator.comparing(URI::toString)).toList();
    }

    private URI uri(InetAddress address) {
        try {
            return new URI(target.scheme(), null, address.getHostAddress(), target.port(), null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("no URI for " + address, e);
        }
    }
}
