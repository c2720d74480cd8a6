package io.frontdesk.cache;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import io.frontdesk.cache.ResponseCache.PurgeResult;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code /actuator/cache}: what the cache holds (GET), and purges (DELETE with exactly one of
 * {@code url}, {@code prefix}, {@code tag} or {@code all=true}). A purge empties this replica's
 * tiers and, through Redis, every other replica's memory.
 */
@Endpoint(id = "cache")
public class CacheEndpoint {

    private final ResponseCache cache;
    private final MemoryTier memory;
    private final SharedTier shared;
    private final long memoryCapacity;
    private final Collection<CachePolicy> policies;

    CacheEndpoint(ResponseCache cache, MemoryTier memory, SharedTier shared, long memoryCapacity,
            Collection<CachePolicy> policies) {
        this.cache = cache;
        this.memory = memory;
        this.shared = shared;
        this.memoryCapacity = memoryCapacity;
        this.policies = policies;
    }

    @ReadOperation
    public CacheView cache() {
        SharedView sharedView = shared instanceof RedisTier redis
                ? new SharedView("redis", redis.where(), redis.degraded() ? "degraded" : "up", redis.problem(),
                        redis.usedMemory())
                : null;
        return new CacheView(new MemoryView(memory.entries(), memory.bytes(), memoryCapacity), sharedView);
    }

    @DeleteOperation
    public Mono<PurgeView> purge(@Nullable String url, @Nullable String prefix,
            @Nullable String tag, @Nullable Boolean all) {
        long given = Stream.of(url, prefix, tag, Boolean.TRUE.equals(all) ? "" : null).filter(v -> v != null).count();
        if (given != 1) {
            throw new InvalidEndpointRequestException("Give exactly one of url, prefix, tag or all=true",
                    "exactly one of url, prefix, tag or all=true");
        }
        Flux<Purge> purges;
        if (url != null) {
            purges = Flux.fromIterable(urlKeys(url)).map(Purge::url);
        } else if (prefix != null) {
            purges = Flux.just(Purge.prefix(keyPrefix(prefix)));
        } else if (tag != null) {
            purges = Flux.just(Purge.tag(tag));
        } else {
            purges = Flux.just(Purge.all());
        }
        return purges.concatMap(cache::purge)
                .reduce(new PurgeResult(0, 0, null), (a, b) -> new PurgeResult(a.memory() + b.memory(),
                        a.shared() + b.shared(), a.sharedError() != null ? a.sharedError() : b.sharedError()))
                .map(result -> new PurgeView(result.memory(), shared == SharedTier.NONE ? null : result.shared(),
                        shared == SharedTier.NONE ? null : result.sharedError() == null,
                        result.sharedError()));
    }

    /** The URL part of the key under every policy (each ignores its own query parameters). */
    private Set<String> urlKeys(String url) {
        URI uri = parse(url.contains("://") ? url : "http://" + url);
        if (uri.getHost() == null) {
            throw new InvalidEndpointRequestException("url must name a host: " + url, "url without a host");
        }
        Set<String> keys = new TreeSet<>();
        keys.add(CacheKeys.url(uri, name -> false));
        for (CachePolicy policy : policies) {
            keys.add(CacheKeys.url(uri, policy::ignoresParameter));
        }
        return keys;
    }

    /** A URL prefix in key form: no scheme, host in lower case. */
    private static String keyPrefix(String prefix) {
        int scheme = prefix.indexOf("://");
        String rest = scheme < 0 ? prefix : prefix.substring(scheme + 3);
        int slash = rest.indexOf('/');
        return slash < 0 ? rest.toLowerCase(Locale.ROOT)
                : rest.substring(0, slash).toLowerCase(Locale.ROOT) + rest.substring(slash);
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidEndpointRequestException("not a URL: " + url, "not a URL");
        }
    }

    public record CacheView(MemoryView memory, SharedView shared) {
    }

    public record MemoryView(long entries, long bytes, long capacity) {
    }

    /** The shared tier; {@code usedMemory} is what the Redis server reports for all its data. */
    public record SharedView(String store, String address, String status, String problem, long usedMemory) {
    }

    /**
     * Entries removed from this replica's memory and from the shared tier; {@code replicas}
     * says whether the other replicas were told (absent without a shared tier).
     */
    public record PurgeView(long memory, Long shared, Boolean replicasNotified, String problem) {
    }
}
