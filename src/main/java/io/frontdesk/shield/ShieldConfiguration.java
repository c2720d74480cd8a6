package io.frontdesk.shield;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.frontdesk.config.FrontdeskProperties;
import io.frontdesk.config.InvalidConfigurationException;
import io.frontdesk.config.RouteFilterNames;
import io.frontdesk.config.ShieldProperties.LimitProperties;
import io.micrometer.core.instrument.MeterRegistry;

/** Wires the shield: rate limits and the {@code RateLimit} route filter. */
@Configuration(proxyBeanMethods = false)
public class ShieldConfiguration {

    @Bean
    RateLimitGatewayFilterFactory rateLimitGatewayFilterFactory(FrontdeskProperties properties,
            GatewayProperties gateway, MeterRegistry registry) {
        Map<String, LimitProperties> declared = properties.shield().limits();
        RouteFilterNames.requireDeclared(gateway.getRoutes(), "RateLimit", new TreeSet<>(declared.keySet()),
                "frontdesk.shield.limits");
        Map<String, LocalLimiter> limiters = new LinkedHashMap<>();
        declared.forEach((name, settings) -> limiters.put(name, new LocalLimiter(limit(name, settings), System::nanoTime)));
        return new RateLimitGatewayFilterFactory(limiters, new RateLimitMetrics(registry));
    }

    private static RateLimit limit(String name, LimitProperties settings) {
        String prefix = "frontdesk.shield.limits." + name + ".";
        Rate rate = Rate.parse(settings.rate());
        if (rate == null) {
            throw new InvalidConfigurationException(prefix + "rate",
                    "must be COUNT/PERIOD such as 20/s, 600/m or 5/10s, was '" + settings.rate() + "'");
        }
        if (settings.burst() < 0) {
            throw new InvalidConfigurationException(prefix + "burst", "must not be negative");
        }
        LimitKey key = LimitKey.parse(settings.key());
        if (key == null) {
            throw new InvalidConfigurationException(prefix + "key",
                    "must list client, route or header:NAME, was " + settings.key());
        }
        return new RateLimit(name, rate, settings.burst() == 0 ? rate.count() : settings.burst(), key);
    }
}
