package io.frontdesk.cache;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import com.sun.management.HotSpotDiagnosticMXBean;

import io.frontdesk.tracing.Tracing;
import io.frontdesk.config.CacheProperties;
import io.frontdesk.config.FrontdeskProperties;
import io.frontdesk.config.InvalidConfigurationException;
import io.frontdesk.config.RouteFilterNames;
import io.frontdesk.redis.RedisConfigured;
import io.frontdesk.redis.RedisLink;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Wires the response cache: its tiers, the policies, the {@code Cache} route filter and the endpoint. */
@Configuration(proxyBeanMethods = false)
public class CacheConfiguration {

    @Bean
    CacheMetrics cacheMetrics(MeterRegistry registry) {
        return new CacheMetrics(registry);
    }

    @Bean
    MemoryTier cacheMemoryTier(FrontdeskProperties properties, CacheMetrics metrics, MeterRegistry registry) {
        long bytes = properties.cache().memorySize().toBytes();
        if (bytes <= 0) {
            throw new InvalidConfigurationException("frontdesk.cache.memory-size",
                    "must be more than 0 bytes, was " + properties.cache().memorySize());
        }
        long direct = maxDirectMemory();
        if (bytes > direct * 3 / 4) {
            throw new InvalidConfigurationException("frontdesk.cache.memory-size", "bodies are held in direct memory,"
                    + " of which this JVM may use " + direct / (1024 * 1024) + " MB; keep the cache within three"
                    + " quarters of it, or raise -XX:MaxDirectMemorySize (was " + properties.cache().memorySize() + ")");
        }
        MemoryTier memory = new MemoryTier(bytes, metrics);
        bytesGauge(registry, "memory", memory, MemoryTier::bytes);
        return memory;
    }

    /** -XX:MaxDirectMemorySize, which defaults to the maximum heap size. */
    private static long maxDirectMemory() {
        HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        long configured = hotSpot == null ? 0 : Long.parseLong(hotSpot.getVMOption("MaxDirectMemorySize").getValue());
        return configured > 0 ? configured : Runtime.getRuntime().maxMemory();
    }

    private static <T> void bytesGauge(MeterRegistry registry, String tier, T source,
            java.util.function.ToDoubleFunction<T> bytes) {
        Gauge.builder("frontdesk.cache.bytes", source, bytes).tag("tier", tier)
                .description("Bytes held by a cache tier (for redis: all the server holds)").register(registry);
    }

    /** The shared tier, when {@code spring.data.redis} names a Redis server. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(RedisConfigured.class)
    static class RedisTierConfiguration {

        @Bean
        RedisTier redisCacheTier(RedisLink link, MemoryTier memory, CacheMetrics metrics,
                FrontdeskProperties properties, MeterRegistry registry) {
            String prefix = properties.cache().redisKeyPrefix();
            if (prefix.isEmpty()) {
                throw new InvalidConfigurationException("frontdesk.cache.redis-key-prefix",
                        "must not be empty: purging everything removes the keys under it");
            }
            RedisTier tier = new RedisTier(link, prefix, metrics, System::currentTimeMillis,
                    purge -> purge.applyTo(memory));
            bytesGauge(registry, "redis", tier, RedisTier::usedMemory);
            Gauge.builder("frontdesk.cache.redis.up", tier, redis -> redis.degraded() ? 0 : 1)
                    .description("1 while the Redis tier is connected and its last operation succeeded, else 0")
                    .register(registry);
            return tier;
        }

        @Bean
        CacheHealthIndicator cacheHealthIndicator(RedisTier tier) {
            return new CacheHealthIndicator(tier);
        }
    }

    @Bean
    ResponseCache responseCache(MemoryTier memory, ObjectProvider<RedisTier> redis, FrontdeskProperties properties) {
        SharedTier shared = redis.getIfAvailable();
        return new ResponseCache(memory, shared == null ? SharedTier.NONE : shared, properties.cache().tagHeader(),
                System::currentTimeMillis);
    }

    @Bean
    CachePolicies cachePolicies(FrontdeskProperties properties, GatewayProperties gateway) {
        CacheProperties settings = properties.cache();
        RouteFilterNames.requireDeclared(gateway.getRoutes(), "Cache", new TreeSet<>(settings.policies().keySet()),
                "frontdesk.cache.policies");
        Map<String, CachePolicy> policies = new LinkedHashMap<>();
        settings.policies().forEach((name, policy) -> policies.put(name, CachePolicy.from(name, policy)));
        return new CachePolicies(policies);
    }

    @Bean
    CacheGatewayFilterFactory cacheGatewayFilterFactory(FrontdeskProperties properties, CachePolicies policies,
            ResponseCache cache, CacheMetrics metrics, Tracing tracing) {
        CacheProperties settings = properties.cache();
        if (settings.coalescingTimeout().isNegative()) {
            throw new InvalidConfigurationException("frontdesk.cache.coalescing-timeout", "must not be negative");
        }
        Coalescer coalescer = new Coalescer();
        Map<String, CacheFilter> filters = new HashMap<>();
        policies.byName().forEach((name, policy) -> filters.put(name, new CacheFilter(policy, cache, coalescer,
                metrics, settings.coalescingTimeout(), System::currentTimeMillis, tracing)));
        return new CacheGatewayFilterFactory(filters);
    }

    @Bean
    CacheEndpoint cacheEndpoint(ResponseCache cache, MemoryTier memory, ObjectProvider<RedisTier> redis,
            CachePolicies policies, FrontdeskProperties properties) {
        SharedTier shared = redis.getIfAvailable();
        return new CacheEndpoint(cache, memory, shared == null ? SharedTier.NONE : shared,
                properties.cache().memorySize().toBytes(), policies.byName().values());
    }

    /** The policies routes name, by name. */
    record CachePolicies(Map<String, CachePolicy> byName) {
    }
}
