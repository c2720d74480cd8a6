package io.frontdesk.cache;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.frontdesk.config.CacheProperties;
import io.frontdesk.config.FrontdeskProperties;
import io.frontdesk.config.InvalidConfigurationException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Wires the response cache: its tiers, the policies and the {@code Cache} route filter. */
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
        MemoryTier memory = new MemoryTier(bytes, metrics);
        Gauge.builder("frontdesk.cache.bytes", memory, MemoryTier::bytes).tag("tier", "memory")
                .description("Bytes of responses held by a cache tier").register(registry);
        return memory;
    }

    @Bean
    ResponseCache responseCache(MemoryTier memory, FrontdeskProperties properties) {
        return new ResponseCache(memory, properties.cache().tagHeader());
    }

    @Bean
    CacheGatewayFilterFactory cacheGatewayFilterFactory(FrontdeskProperties properties, ResponseCache cache,
            CacheMetrics metrics, GatewayProperties gateway) {
        CacheProperties settings = properties.cache();
        if (settings.coalescingTimeout().isNegative()) {
            throw new InvalidConfigurationException("frontdesk.cache.coalescing-timeout", "must not be negative");
        }
        CacheRoutesValidator.validate(gateway.getRoutes(), new TreeSet<>(settings.policies().keySet()));
        Coalescer coalescer = new Coalescer();
        Map<String, CacheFilter> filters = new HashMap<>();
        settings.policies().forEach((name, policy) -> filters.put(name, new CacheFilter(CachePolicy.from(name, policy),
                cache, coalescer, metrics, settings.coalescingTimeout(), System::currentTimeMillis)));
        return new CacheGatewayFilterFactory(filters);
    }
}
