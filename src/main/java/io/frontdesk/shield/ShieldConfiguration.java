package io.frontdesk.shield;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.frontdesk.config.FrontdeskProperties;
import io.frontdesk.config.InvalidConfigurationException;
import io.frontdesk.config.RouteFilterNames;
import io.frontdesk.config.ShieldProperties;
import io.frontdesk.config.ShieldProperties.BanProperties;
import io.frontdesk.config.ShieldProperties.BanResponse;
import io.frontdesk.config.ShieldProperties.ClusterProperties;
import io.frontdesk.config.ShieldProperties.ConnectionProperties;
import io.frontdesk.config.ShieldProperties.LimitProperties;
import io.frontdesk.config.ShieldProperties.OnRedisFailure;
import io.frontdesk.config.ShieldProperties.ProxyProtocol;
import io.frontdesk.config.ShieldProperties.RequestProperties;
import io.frontdesk.config.ShieldProperties.Scope;
import io.frontdesk.net.AddressBlocks;
import io.frontdesk.edge.ManagementPort;
import io.frontdesk.redis.RedisConfigured;
import io.frontdesk.redis.RedisLink;
import io.micrometer.core.instrument.MeterRegistry;

/** Wires the shield: rate limits and the {@code RateLimit} route filter, bans, request and connection bounds. */
@Configuration(proxyBeanMethods = false)
public class ShieldConfiguration {

    @Bean
    RateLimitGatewayFilterFactory rateLimitGatewayFilterFactory(FrontdeskProperties properties,
            GatewayProperties gateway, ObjectProvider<RedisLink> redis, BanList bans, MeterRegistry registry) {
        Map<String, LimitProperties> declared = properties.shield().limits();
        RouteFilterNames.requireDeclared(gateway.getRoutes(), "RateLimit", new TreeSet<>(declared.keySet()),
                "frontdesk.shield.limits");
        ClusterProperties cluster = properties.shield().cluster();
        if (cluster.replicas() < 1) {
            throw new InvalidConfigurationException("frontdesk.shield.cluster.replicas", "must be 1 or more");
        }
        RateLimitMetrics metrics = new RateLimitMetrics(registry);
        Map<String, Limiter> limiters = new LinkedHashMap<>();
        declared.forEach((name, settings) -> limiters.put(name,
                limiter(limit(name, settings), settings.scope(), cluster, redis, metrics)));
        return new RateLimitGatewayFilterFactory(limiters, metrics, bans);
    }

    private static Limiter limiter(RateLimit limit, Scope scope, ClusterProperties cluster,
            ObjectProvider<RedisLink> redis, RateLimitMetrics metrics) {
        LocalLimiter local = new LocalLimiter(limit, System::nanoTime);
        if (scope == Scope.LOCAL) {
            return local;
        }
        RedisLink link = redis.getIfAvailable();
        if (link == null) {
            throw new InvalidConfigurationException("frontdesk.shield.limits." + limit.name() + ".scope",
                    "cluster needs Redis: set spring.data.redis.url");
        }
        LocalLimiter fallback = cluster.onRedisFailure() == OnRedisFailure.OPEN ? null
                : new LocalLimiter(limit.share(cluster.replicas()), System::nanoTime);
        return new ClusterLimiter(limit, local, fallback, link, cluster.redisKeyPrefix() + "limit:", metrics);
    }

    @Bean
    BanList banList(FrontdeskProperties properties, MeterRegistry registry) {
        BanProperties bans = properties.shield().bans();
        String prefix = "frontdesk.shield.bans.";
        if (bans.after() < 1) {
            throw new InvalidConfigurationException(prefix + "after", "must be 1 or more");
        }
        positive(prefix + "within", bans.within());
        positive(prefix + "duration", bans.duration());
        positive(prefix + "forget-after", bans.forgetAfter());
        if (bans.maxDuration().compareTo(bans.duration()) < 0) {
            throw new InvalidConfigurationException(prefix + "max-duration", "must not be shorter than duration");
        }
        return new BanList(bans, System::currentTimeMillis, registry);
    }

    @Bean
    BanFilter banFilter(BanList bans, FrontdeskProperties properties, ManagementPort managementPort) {
        ShieldProperties shield = properties.shield();
        return new BanFilter(bans, AddressBlocks.parse(shield.allow(), "frontdesk.shield.allow"),
                AddressBlocks.parse(shield.deny(), "frontdesk.shield.deny"),
                shield.bans().response() == BanResponse.CLOSE, managementPort);
    }

    @Bean
    BansEndpoint bansEndpoint(BanList bans, FrontdeskProperties properties) {
        return new BansEndpoint(bans, properties.shield().bans().duration());
    }

    /** Bans reach every replica through Redis, when there is one. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(RedisConfigured.class)
    static class BanSharingConfiguration {

        @Bean
        BanSharing banSharing(RedisLink redis, BanList bans, FrontdeskProperties properties) {
            return new BanSharing(redis, bans, properties.shield().cluster().redisKeyPrefix());
        }
    }

    @Bean
    ListenerLimits listenerLimits(FrontdeskProperties properties) {
        ShieldProperties settings = properties.shield();
        RequestProperties request = settings.request();
        String prefix = "frontdesk.shield.request.";
        positiveInt(prefix + "max-line-length", request.maxLineLength().toBytes());
        positiveInt(prefix + "max-header-size", request.maxHeaderSize().toBytes());
        Integer maxPerClient = settings.connections().maxPerClient();
        if (settings.connections().proxyProtocol() != ProxyProtocol.OFF && maxPerClient != null && maxPerClient > 0) {
            throw new InvalidConfigurationException("frontdesk.shield.connections.max-per-client",
                    "counts connections by their TCP peer, which with PROXY protocol is the load balancer;"
                            + " leave it at 0 and bound clients with rate limits");
        }
        return new ListenerLimits(settings);
    }

    @Bean
    RequestBodyTimeout requestBodyTimeout(FrontdeskProperties properties) {
        Duration timeout = properties.shield().request().bodyTimeout();
        positive("frontdesk.shield.request.body-timeout", timeout);
        return new RequestBodyTimeout(timeout);
    }

    @Bean
    RequestWaitFilter requestWaitFilter(FrontdeskProperties properties, Environment environment,
            MeterRegistry registry) {
        Duration headTimeout = properties.shield().request().headTimeout();
        Duration idleTimeout = properties.shield().connections().idleTimeout();
        positive("frontdesk.shield.request.head-timeout", headTimeout);
        positive("frontdesk.shield.connections.idle-timeout", idleTimeout);
        if (environment.containsProperty("server.netty.idle-timeout")) {
            throw new InvalidConfigurationException("server.netty.idle-timeout",
                    "Frontdesk keeps the keep-alive idle timeout itself; set frontdesk.shield.connections.idle-timeout");
        }
        return new RequestWaitFilter(headTimeout, idleTimeout, registry);
    }

    @Bean
    ConnectionLimits connectionLimits(FrontdeskProperties properties, ManagementPort managementPort,
            MeterRegistry registry) {
        ConnectionProperties connections = properties.shield().connections();
        String prefix = "frontdesk.shield.connections.";
        if (connections.maxTotal() != null) {
            notNegative(prefix + "max-total", connections.maxTotal());
        }
        if (connections.maxPerClient() != null) {
            notNegative(prefix + "max-per-client", connections.maxPerClient());
        }
        if (connections.managementReserve() <= 0) {
            throw new InvalidConfigurationException(prefix + "management-reserve",
                    "must be more than 0, was " + connections.managementReserve());
        }
        positive(prefix + "pressure-idle-timeout", connections.pressureIdleTimeout());
        List<AddressBlocks> exempt = List.of(
                AddressBlocks.parse(properties.edge().trustedProxies(), "frontdesk.edge.trusted-proxies"),
                AddressBlocks.parse(properties.shield().allow(), "frontdesk.shield.allow"));
        return new ConnectionLimits(ConnectionBudget.of(connections, ConnectionBudget.processDescriptorLimit()),
                connections.pressureIdleTimeout(), connections.idleTimeout(), exempt, managementPort, registry);
    }

    @Bean
    Http2HeadSizeFilter http2HeadSizeFilter(FrontdeskProperties properties) {
        RequestProperties request = properties.shield().request();
        return new Http2HeadSizeFilter(request.maxLineLength().toBytes(), request.maxHeaderSize().toBytes());
    }

    @Bean
    HeaderCountFilter headerCountFilter(FrontdeskProperties properties) {
        int maxHeaders = properties.shield().request().maxHeaders();
        if (maxHeaders <= 0) {
            throw new InvalidConfigurationException("frontdesk.shield.request.max-headers", "must be more than 0");
        }
        return new HeaderCountFilter(maxHeaders);
    }

    @Bean
    BodySizeLimitFilter bodySizeLimitFilter(FrontdeskProperties properties, GatewayProperties gateway) {
        long limit = properties.shield().request().maxBodySize().toBytes();
        notNegative("frontdesk.shield.request.max-body-size", limit);
        List<RouteDefinition> routes = gateway.getRoutes();
        for (int i = 0; i < routes.size(); i++) {
            Object value = routes.get(i).getMetadata().get(BodySizeLimitFilter.METADATA_KEY);
            String key = "spring.cloud.gateway.server.webflux.routes[" + i + "].metadata."
                    + BodySizeLimitFilter.METADATA_KEY;
            try {
                if (value != null) {
                    notNegative(key, BodySizeLimitFilter.parse(value).toBytes());
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException(key, "'" + value + "' is not a size such as 1MB or 512KB");
            }
        }
        return new BodySizeLimitFilter(limit);
    }

    private static void positiveInt(String key, long value) {
        if (value <= 0 || value > Integer.MAX_VALUE) {
            throw new InvalidConfigurationException(key, "must be more than 0 and less than 2GB, was " + value);
        }
    }

    private static void positive(String key, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new InvalidConfigurationException(key, "must be more than 0, was " + value);
        }
    }

    private static void notNegative(String key, long value) {
        if (value < 0) {
            throw new InvalidConfigurationException(key, "must not be negative, was " + value);
        }
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
