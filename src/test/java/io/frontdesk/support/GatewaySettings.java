package io.frontdesk.support;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an operator would write in application.yml for a gateway under test: pools of backends,
 * routes to them, and any other key. Immutable: each method returns new settings.
 */
public final class GatewaySettings {

    private static final String ROUTES = "spring.cloud.gateway.server.webflux.routes";

    private final Map<String, String> values;
    private final int routes;

    private GatewaySettings(Map<String, String> values, int routes) {
        this.values = values;
        this.routes = routes;
    }

    public static GatewaySettings empty() {
        return new GatewaySettings(Map.of(), 0);
    }

    /** A pool of these backends, in this order. */
    public GatewaySettings pool(String name, TestBackend... backends) {
        return pool(name, List.of(backends));
    }

    public GatewaySettings pool(String name, List<TestBackend> backends) {
        return pool(name, backends.stream().map(TestBackend::url).toArray(String[]::new));
    }

    /** A pool of the backends at these URLs, in this order. */
    public GatewaySettings pool(String name, String... urls) {
        GatewaySettings settings = this;
        for (int i = 0; i < urls.length; i++) {
            settings = settings.set("frontdesk.pools." + name + ".backends[" + i + "].url", urls[i]);
        }
        return settings;
    }

    /** A route after those added before: a request takes the first route that matches it. */
    public GatewaySettings route(Route route) {
        Map<String, String> changed = new LinkedHashMap<>(values);
        route.values.forEach((key, value) -> changed.put(ROUTES + "[" + routes + "]." + key, value));
        return new GatewaySettings(Collections.unmodifiableMap(changed), routes + 1);
    }

    public GatewaySettings set(String key, String value) {
        return new GatewaySettings(with(values, key, value), routes);
    }

    /** Keys and values, in the order they were first set. */
    Map<String, String> values() {
        return values;
    }

    private static Map<String, String> with(Map<String, String> values, String key, String value) {
        Map<String, String> changed = new LinkedHashMap<>(values);
        changed.put(key, value);
        return Collections.unmodifiableMap(changed);
    }

    /**
     * A route to a pool, known by the pool's name and matching every path unless told otherwise.
     * Immutable: each method returns a new route.
     */
    public static final class Route {

        private final Map<String, String> values;
        private final int filters;

        private Route(Map<String, String> values, int filters) {
            this.values = values;
            this.filters = filters;
        }

        public static Route to(String pool) {
            return new Route(Map.of(), 0).set("id", pool).set("uri", "lb://" + pool).set("predicates[0]", "Path=/**");
        }

        public Route id(String id) {
            return set("id", id);
        }

        /** Matches the paths of this pattern ({@code /api/**}) instead of every path. */
        public Route path(String pattern) {
            return set("predicates[0]", "Path=" + pattern);
        }

        /** Matches when these predicates ({@code Path=/api/**}, {@code Method=POST}) all hold, instead of every path. */
        public Route predicates(String... shortcuts) {
            Route route = this;
            for (int i = 0; i < shortcuts.length; i++) {
                route = route.set("predicates[" + i + "]", shortcuts[i]);
            }
            return route;
        }

        /** A filter in its shortcut form ({@code Name=arg1,arg2}), after those added before. */
        public Route filter(String shortcut) {
            return new Route(with(values, "filters[" + filters + "]", shortcut), filters + 1);
        }

        /** A filter with named arguments, after those added before. */
        public Route filter(String name, Map<String, String> arguments) {
            String filter = "filters[" + filters + "]";
            Map<String, String> changed = with(values, filter + ".name", name);
            for (Map.Entry<String, String> argument : arguments.entrySet()) {
                changed = with(changed, filter + ".args." + argument.getKey(), argument.getValue());
            }
            return new Route(changed, filters + 1);
        }

        public Route metadata(String key, String value) {
            return set("metadata." + key, value);
        }

        public Route order(int order) {
            return set("order", Integer.toString(order));
        }

        private Route set(String key, String value) {
            return new Route(with(values, key, value), filters);
        }
    }
}
