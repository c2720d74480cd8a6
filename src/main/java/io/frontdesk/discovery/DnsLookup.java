package io.frontdesk.discovery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import reactor.core.publisher.Mono;

/**
 * Looks a name up for its A and AAAA records with Netty's non-blocking resolver, keeping each
 * record's TTL, which the plain address lookup would drop. One family may have no records; the
 * lookup fails only when neither has any, with the first failure as its cause.
 */
final class DnsLookup {

    private final DnsNameResolver resolver;

    DnsLookup(DnsNameResolver resolver) {
        this.resolver = resolver;
    }

    /** The addresses a name has now, and how long the answer may be kept. */
    record Answer(List<InetAddress> addresses, Duration ttl) {
    }

    Mono<Answer> lookup(String name) {
        return Mono.zip(family(name, DnsRecordType.A), family(name, DnsRecordType.AAAA))
                .flatMap(families -> {
                    Family ipv4 = families.getT1();
                    Family ipv6 = families.getT2();
                    if (ipv4.addresses().isEmpty() && ipv6.addresses().isEmpty()) {
                        Throwable cause = ipv4.failure() != null ? ipv4.failure() : ipv6.failure();
                        return Mono.error(cause != null ? cause
                                : new UnknownHostException(name + " has no A or AAAA records"));
                    }
                    List<InetAddress> addresses = new ArrayList<>(ipv4.addresses());
                    addresses.addAll(ipv6.addresses());
                    return Mono.just(new Answer(addresses,
                            Duration.ofSeconds(Math.min(ipv4.ttlSeconds(), ipv6.ttlSeconds()))));
                });
    }

    /** The records of one type, or why there are none. */
    private record Family(List<InetAddress> addresses, long ttlSeconds, Throwable failure) {
    }

    private Mono<Family> family(String name, DnsRecordType type) {
        return Mono.<List<DnsRecord>>create(sink -> {
            Future<List<DnsRecord>> future = resolver.resolveAll(new DefaultDnsQuestion(name, type));
            future.addListener(done -> {
                if (done.isSuccess()) {
                    sink.success(future.getNow());
                } else {
                    sink.error(done.cause());
                }
            });
        }).map(records -> family(records, type))
                .onErrorResume(error -> Mono.just(new Family(List.of(), Long.MAX_VALUE, error)));
    }

    private static Family family(List<DnsRecord> records, DnsRecordType type) {
        List<InetAddress> addresses = new ArrayList<>();
        long ttlSeconds = Long.MAX_VALUE;
        try {
            for (DnsRecord record : records) {
                if (record.type() == type && record instanceof DnsRawRecord raw) {
                    addresses.add(address(raw.content()));
                    ttlSeconds = Math.min(ttlSeconds, record.timeToLive());
                }
            }
        } finally {
            records.forEach(ReferenceCountUtil::release);
        }
        return new Family(addresses, ttlSeconds, null);
    }

    /** The address in a record's data: 4 bytes for A, 16 for AAAA; no lookup involved. */
    private static InetAddress address(ByteBuf content) {
        try {
            return InetAddress.getByAddress(ByteBufUtil.getBytes(content));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("a record whose data is no address", e);
        }
    }
}
