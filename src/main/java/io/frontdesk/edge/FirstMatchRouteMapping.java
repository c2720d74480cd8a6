package io.frontdesk.edge;

import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.env.Environment;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * The framework's route matching, asking the routes' predicates one route at a time. The
 * framework asks them through a window of 256 routes and cancels it at the first match; the
 * cancellation offers each of the window's slots, empty or not, to the discard hook of the
 * request's Reactor context: 256 context lookups on every request, whatever the number of routes.
 * The routes are still asked in order, and the first whose predicate holds is the request's.
 */
public final class FirstMatchRouteMapping extends RoutePredicateHandlerMapping {

    private final RouteLocator routes;

    public FirstMatchRouteMapping(FilteringWebHandler webHandler, RouteLocator routes, GlobalCorsProperties cors,
            Environment environment) {
        super(webHandler, routes, cors, environment);
        this.routes = routes;
    }

    @Override
    protected Mono<Route> lookupRoute(ServerWebExchange exchange) {
        return routes.getRoutes().filterWhen(route -> matches(route, exchange), 1).next().map(route -> {
            if (logger.isDebugEnabled()) {
                logger.debug("Route matched: " + route.getId());
            }
            validateRoute(route, exchange);
            return route;
        });
    }

    /** Whether the route's predicate holds; a predicate that throws does not, and is logged. */
    private Publisher<Boolean> matches(Route route, ServerWebExchange exchange) {
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_PREDICATE_ROUTE_ATTR, route.getId());
        try {
            return route.getPredicate().apply(exchange);
        } catch (RuntimeException e) {
            logger.error("Error applying predicate for route: " + route.getId(), e);
            return Mono.just(false);
        }
    }
}
