package io.frontdesk.compression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import com.aayushatharva.brotli4j.Brotli4jLoader;

import io.frontdesk.config.CompressionProperties;
import io.frontdesk.config.CompressionProperties.RouteProperties;
import io.frontdesk.config.FrontdeskProperties;
import io.frontdesk.config.InvalidConfigurationException;
import io.micrometer.core.instrument.MeterRegistry;

/** Wires compression at the edge from {@code frontdesk.compression}, each value checked at start-up. */
@Configuration(proxyBeanMethods = false)
public class CompressionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CompressionConfiguration.class);
    private static final String PREFIX = "frontdesk.compression";

    @Bean
    CompressionFilter compressionFilter(FrontdeskProperties properties, GatewayProperties gateway,
            MeterRegistry registry) {
        CompressionProperties settings = properties.compression();
        List<Coding> codings = available(settings.codings());
        int gzipLevel = within(PREFIX + ".gzip-level", settings.gzipLevel(), 1, 9);
        int brotliQuality = within(PREFIX + ".brotli-quality", settings.brotliQuality(), 0, 11);
        CompressionPolicy defaults = new CompressionPolicy(settings.enabled(), minSize(PREFIX + ".min-size",
                settings.minSize()), CompressibleTypes.of(PREFIX + ".types", settings.types()), codings, gzipLevel,
                brotliQuality);
        Set<String> routeIds = gateway.getRoutes().stream().map(RouteDefinition::getId).collect(Collectors.toSet());
        Map<String, CompressionPolicy> routes = new LinkedHashMap<>();
        settings.routes().forEach((routeId, route) -> {
            String prefix = PREFIX + ".routes." + routeId;
            if (!routeIds.contains(routeId)) {
                throw new InvalidConfigurationException(prefix, "names no route; the routes are "
                        + new TreeSet<>(routeIds));
            }
            routes.put(routeId, forRoute(prefix, route, defaults));
        });
        return new CompressionFilter(defaults, routes, new CompressionMetrics(registry));
    }

    private static CompressionPolicy forRoute(String prefix, RouteProperties route, CompressionPolicy defaults) {
        return new CompressionPolicy(route.enabled() == null ? defaults.enabled() : route.enabled(),
                route.minSize() == null ? defaults.minSize() : minSize(prefix + ".min-size", route.minSize()),
                route.types() == null ? defaults.types() : CompressibleTypes.of(prefix + ".types", route.types()),
                defaults.codings(), defaults.gzipLevel(), defaults.brotliQuality());
    }

    /** The configured codings this JVM can apply: Brotli needs its native library. */
    private static List<Coding> available(List<Coding> configured) {
        if (configured.isEmpty()) {
            throw new InvalidConfigurationException(PREFIX + ".codings", "names no coding; to turn compression"
                    + " off, set " + PREFIX + ".enabled: false");
        }
        List<Coding> codings = new ArrayList<>(new LinkedHashSet<>(configured));
        if (codings.contains(Coding.BR) && !Brotli4jLoader.isAvailable()) {
            log.warn("Brotli's native library does not load on this platform ({}); {}",
                    Brotli4jLoader.getUnavailabilityCause(), codings.size() > 1
                            ? "responses are compressed with gzip only" : "responses are not compressed");
            codings.remove(Coding.BR);
        }
        return List.copyOf(codings);
    }

    private static long minSize(String key, DataSize size) {
        if (size.isNegative()) {
            throw new InvalidConfigurationException(key, "must not be negative, was " + size);
        }
        return size.toBytes();
    }

    private static int within(String key, int value, int least, int most) {
        if (value < least || value > most) {
            throw new InvalidConfigurationException(key, "must be from " + least + " to " + most + ", was " + value);
        }
        return value;
    }
}
