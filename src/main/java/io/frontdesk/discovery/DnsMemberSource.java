package io.frontdesk.discovery;

import java.time.Duration;

import io.frontdesk.config.PoolProperties.DiscoveryProperties;
import reactor.core.publisher.Mono;

/**
 * A pool's members as the A and AAAA records of its name, at the configured port and scheme.
 * The answer may be kept for its records' TTL, but not under a second.
 */
final class DnsMemberSource implements MemberSource {

    private static final Duration SHORTEST_TTL = Duration.ofSeconds(1);

    private final DnsLookup dns;
    private final DiscoveryProperties target;

    DnsMemberSource(DnsLookup dns, DiscoveryProperties target) {
        this.dns = dns;
        this.target = target;
    }

    @Override
    public String target() {
        return target.name();
    }

    @Override
    public Mono<Answer> lookup() {
        return dns.lookup(target.name()).map(answer -> new Answer(
                answer.addresses().stream()
                        .map(address -> MemberUris.of(target.scheme(), address.getHostAddress(), target.port()))
                        .toList(),
                answer.ttl().compareTo(SHORTEST_TTL) < 0 ? SHORTEST_TTL : answer.ttl()));
    }
}
