package io.frontdesk.config;

import java.util.List;
import java.util.Set;

import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;

/**
 * Start-up check for route filters whose arguments name entries declared elsewhere (a cache
 * policy, rate limits): every name must be declared, and the error names the route's key.
 */
public final class RouteFilterNames {

    private RouteFilterNames() {
    }

    /**
     * @param filter the filter's name in route definitions, such as {@code Cache}
     * @param declared the names declared under {@code declaredUnder}
     */
    public static void requireDeclared(List<RouteDefinition> routes, String filter, Set<String> declared,
            String declaredUnder) {
        for (int i = 0; i < routes.size(); i++) {
            List<FilterDefinition> filters = routes.get(i).getFilters();
            for (int j = 0; j < filters.size(); j++) {
                FilterDefinition definition = filters.get(j);
                if (!filter.equals(definition.getName())) {
                    continue;
                }
                String key = "spring.cloud.gateway.server.webflux.routes[" + i + "].filters[" + j + "]";
                List<String> names = definition.getArgs().values().stream().flatMap(value -> List.of(value.split(","))
                        .stream()).map(String::trim).filter(name -> !name.isEmpty()).toList();
                if (names.isEmpty()) {
                    throw new InvalidConfigurationException(key, filter + "= names nothing; declared under "
                            + declaredUnder + " are " + declared);
                }
                for (String name : names) {
                    if (!declared.contains(name)) {
                        throw new InvalidConfigurationException(key, filter + "=" + name + " is not declared; declare"
                                + " it under " + declaredUnder + ", known are " + declared);
                    }
                }
            }
        }
    }
}
