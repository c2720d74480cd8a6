package io.frontdesk.balancer;

import java.net.URI;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * The request's URL on its route, in place of the framework's {@link RouteToRequestUrlFilter},
 * which on every request matches a regular expression against the route's URI and builds the URL
 * from its components, parsing it twice. For the commonest case, a request with a plain path (no
 * query, escapes or repeated slashes) on a route to a pool ({@code lb://POOL}, nothing more), that
 * URL is the pool's authority followed by the request's path, parsed once here. Every other
 * request gets the framework's URL from the framework's filter.
 */
public final class PoolRequestUrlFilter implements GlobalFilter, Ordered {

    private final RouteToRequestUrlFilter framework = new RouteToRequestUrlFilter();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        URI request = exchange.getRequest().getURI();
        if (route == null || !toPoolAlone(route.getUri()) || !pathAlone(request)) {
            return framework.filter(exchange, chain);
        }
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR,
                URI.create("lb://" + route.getUri().getRawAuthority() + request.getRawPath()));
        return chain.filter(exchange);
    }

    /** {@code lb://POOL} and nothing else: no port, path, query or fragment, no scheme in front ({@code lb:ws://}). */
    private static boolean toPoolAlone(URI route) {
        return "lb".equals(route.getScheme()) && route.getHost() != null && route.getPort() == -1
                && route.getRawUserInfo() == null && isEmpty(route.getRawPath()) && route.getRawQuery() == null
                && route.getRawFragment() == null;
    }

    /**
     * A request URL of a path without escapes or repeated slashes, and nothing after it: the
     * framework decodes a path with escapes (unless they are all well formed), makes one slash of
     * several, and groups a query's parameters by name.
     */
    private static boolean pathAlone(URI request) {
        String path = request.getRawPath();
        return path != null && path.indexOf('%') < 0 && !path.contains("//") && request.getRawQuery() == null
                && request.getRawFragment() == null && request.getRawUserInfo() == null;
    }

    private static boolean isEmpty(String text) {
        return text == null || text.isEmpty();
    }

    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER;
    }
}
