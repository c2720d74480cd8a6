package io.frontdesk.balancer;

import java.net.URI;
import java.util.List;

import org.springframework.cloud.gateway.route.RouteDefinition;

import io.frontdesk.config.InvalidConfigurationException;

/** Start-up check that every {@code lb://POOL} route names a configured pool. */
public final class PoolRoutesValidator {

    private PoolRoutesValidator() {
    }

    public static void validate(List<RouteDefinition> routes, BackendPools pools) {
        for (int i = 0; i < routes.size(); i++) {
            URI uri = routes.get(i).getUri();
            if (uri == null || !"lb".equals(uri.getScheme())) {
                continue;
            }
            String key = "spring.cloud.gateway.server.webflux.routes[" + i + "].uri";
            if (uri.getHost() == null) {
                throw new InvalidConfigurationException(key, "'" + uri + "' names no pool; write lb://POOL");
            }
            if (pools.get(uri.getHost()) == null) {
                throw new InvalidConfigurationException(key, "the route sends requests to pool '" + uri.getHost()
                        + "', which is not configured: declare it under frontdesk.pools." + uri.getHost()
                        + ", with backends or discovery");
            }
        }
    }
}
