package io.frontdesk.cache;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;

import io.frontdesk.config.InvalidConfigurationException;

/** Start-up check that every {@code Cache=POLICY} route filter names a configured policy. */
final class CacheRoutesValidator {

    private CacheRoutesValidator() {
    }

    static void validate(List<RouteDefinition> routes, Set<String> policies) {
        for (int i = 0; i < routes.size(); i++) {
            List<FilterDefinition> filters = routes.get(i).getFilters();
            for (int j = 0; j < filters.size(); j++) {
                FilterDefinition filter = filters.get(j);
                if (!"Cache".equals(filter.getName())) {
                    continue;
                }
                String key = "spring.cloud.gateway.server.webflux.routes[" + i + "].filters[" + j + "]";
                Map<String, String> args = filter.getArgs();
                String policy = args.getOrDefault("policy", args.get("_genkey_0"));
                if (policy == null || !policies.contains(policy)) {
                    throw new InvalidConfigurationException(key, "Cache=" + (policy == null ? "" : policy)
                            + " names no policy; declare it under frontdesk.cache.policies, known are " + policies);
                }
            }
        }
    }
}
