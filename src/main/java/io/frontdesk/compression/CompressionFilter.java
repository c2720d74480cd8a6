package io.frontdesk.compression;

import java.util.Map;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

import io.frontdesk.FilterOrder;
import io.frontdesk.support.ExchangeWith;
import reactor.core.publisher.Mono;

/**
 * Compression at the edge on every route (the management port has no routes), with the route's
 * own settings where {@code frontdesk.compression.routes.ID} gives some. It sits inside the cache,
 * so that a compressed response is stored as the variant of its Accept-Encoding and later served
 * as it is, without compressing again.
 */
public final class CompressionFilter implements GlobalFilter, Ordered {

    private final CompressionPolicy defaults;
    private final Map<String, CompressionPolicy> routes;
    private final CompressionMetrics metrics;

    CompressionFilter(CompressionPolicy defaults, Map<String, CompressionPolicy> routes, CompressionMetrics metrics) {
        this.defaults = defaults;
        this.routes = Map.copyOf(routes);
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String routeId = route == null ? "unknown" : route.getId();
        CompressionPolicy policy = routes.getOrDefault(routeId, defaults);
        if (!policy.enabled()) {
            return chain.filter(exchange);
        }
        return chain.filter(ExchangeWith.response(exchange, new CompressingResponse(exchange.getRequest(),
                exchange.getResponse(), policy, metrics, routeId)));
    }

    @Override
    public int getOrder() {
        return FilterOrder.COMPRESSION;
    }
}
